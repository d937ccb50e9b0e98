using FluentAssertions;
using NUnit.Framework;

namespace Repro.Tests;

/// <summary>Finding an external libtorch (REPRO_LIBTORCH=DIR|python): the folder found, and errors that name every path tried.</summary>
public class TorchNativesTests
{
    private string _dir = "";

    /// <summary>Creates the fresh temporary folder each test works in.</summary>
    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("repro-libtorch-").FullName;

    /// <summary>Removes the temporary folder and everything the test wrote there.</summary>
    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private static (int, string, string) NoPython(string interpreter, string script) => throw new AssertionException("python must not be run for a folder");

    private void Touch(params string[] names)
    {
        foreach (var name in names)
        {
            File.WriteAllBytes(Path.Combine(_dir, name), []);
        }
    }

    /// <summary>A folder with the three libraries is the folder.</summary>
    [Test]
    public void Folder_with_the_libraries_is_found()
    {
        Touch("libc10.so", "libtorch_cpu.so", "libtorch.so");

        TorchNatives.Locate(_dir, "env REPRO_LIBTORCH", NoPython).Should().Be(_dir);
    }

    /// <summary>An empty folder: every path looked at is listed as missing, with the fix.</summary>
    [Test]
    public void Empty_folder_lists_each_path_and_the_fix()
    {
        Touch("libc10.so");

        var act = () => TorchNatives.Locate(_dir, "env REPRO_LIBTORCH", NoPython);

        var message = act.Should().Throw<TorchNativesException>().Which.Message;
        message.Should().StartWith($"No libtorch in {_dir} (env REPRO_LIBTORCH={_dir}). Looked for:")
            .And.Contain($"  {Path.Combine(_dir, "libc10.so")}  found")
            .And.Contain($"  {Path.Combine(_dir, "libtorch_cpu.so")}  missing")
            .And.Contain($"  {Path.Combine(_dir, "libtorch.so")}  missing")
            .And.Contain("REPRO_LIBTORCH=python").And.Contain("--libtorch DIR").And.Contain("libtorch 2.10");
    }

    /// <summary>A folder that does not exist says so.</summary>
    [Test]
    public void Missing_folder_says_it_does_not_exist()
    {
        string gone = Path.Combine(_dir, "nope");

        var act = () => TorchNatives.Locate(gone, "--libtorch", NoPython);

        act.Should().Throw<TorchNativesException>().WithMessage($"No libtorch in {gone} (--libtorch={gone}): the folder does not exist. Looked for:*");
    }

    /// <summary>python:INTERPRETER asks that interpreter for torch/lib and checks the folder it names.</summary>
    [Test]
    public void Python_choice_asks_the_named_interpreter()
    {
        Touch("libc10.so", "libtorch_cpu.so", "libtorch.so");
        string? asked = null;

        string found = TorchNatives.Locate("python:/opt/py/bin/python3", "env REPRO_LIBTORCH", (interpreter, script) =>
        {
            asked = interpreter;
            script.Should().Contain("import os, torch");
            return (0, _dir + "\n", "");
        });

        found.Should().Be(_dir);
        asked.Should().Be("/opt/py/bin/python3");
    }

    /// <summary>A python without torch: the interpreter's last error line and the ways out.</summary>
    [Test]
    public void Python_without_torch_reports_the_interpreter_error()
    {
        var act = () => TorchNatives.Locate("python", "env REPRO_LIBTORCH", (_, _) =>
            (1, "", "Traceback (most recent call last):\n  File \"<string>\", line 1\nModuleNotFoundError: No module named 'torch'\n"));

        act.Should().Throw<TorchNativesException>()
            .WithMessage("env REPRO_LIBTORCH=python: `python3 -c *` failed (exit 1): ModuleNotFoundError: No module named 'torch'.*REPRO_LIBTORCH=python:/path/to/python3*");
    }

    /// <summary>python finds a torch whose lib folder lacks the libraries: the folder and each path are named.</summary>
    [Test]
    public void Python_folder_without_libraries_lists_the_paths()
    {
        var act = () => TorchNatives.Locate("python", "env REPRO_LIBTORCH", (_, _) => (0, _dir + "\n", ""));

        act.Should().Throw<TorchNativesException>()
            .WithMessage($"No libtorch in {_dir} (env REPRO_LIBTORCH=python -> {_dir}). Looked for:*{Path.Combine(_dir, "libtorch.so")}  missing*");
    }

    /// <summary>An external build with nothing given names what it tried and the loader's own words.</summary>
    [Test]
    public void Nothing_given_names_the_app_folder_and_the_loader_path()
    {
        string message = TorchNatives.NothingGivenMessage(_dir, null, "libtorch.so: cannot open shared object file");

        message.Should().StartWith("This repro was built with -p:TorchBackend=external")
            .And.Contain($"  {Path.Combine(_dir, "libtorch.so")}  missing")
            .And.Contain("LD_LIBRARY_PATH=(not set)")
            .And.Contain("the loader said: libtorch.so: cannot open shared object file")
            .And.Contain("REPRO_LIBTORCH=python");
    }

    /// <summary>A build that carries its own libtorch refuses a second one rather than risk a clash.</summary>
    [Test]
    public void Build_with_its_own_libtorch_refuses_a_folder()
    {
        if (TorchNatives.Backend == "external")
        {
            Assert.Ignore("this test build was made with -p:TorchBackend=external");
        }

        var act = () => TorchNatives.Preload(_dir);

        act.Should().Throw<TorchNativesException>().WithMessage($"--libtorch={_dir} is for builds made with -p:TorchBackend=external; this one (TorchBackend=cpu)*");
    }

    /// <summary>The build stamps its backend into Repro.Core (Torch.props).</summary>
    [Test]
    public void Backend_is_stamped_by_the_build() => TorchNatives.Backend.Should().BeOneOf("cpu", "cuda", "external");
}
