using FluentAssertions;
using NUnit.Framework;
using Repro.Cli;
using Repro.Cli.Report;
using Repro.Tests.Data;

namespace Repro.Tests.Cli;

/// <summary>Each bad input a hostile pass found (issue #15) is refused with a message on stderr and an exit code, never a stack trace or an empty success.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BadInputTests
{
    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int exit = Program.Run(args);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    /// <summary>A count that is not a whole number, or past int's range, is bad usage naming the valid range (it crashed with exit 134).</summary>
    [TestCase("--seeds", "abc", "--seeds expects a whole number from 1 to 100; got 'abc'.")]
    [TestCase("--seeds", "99999999999", "--seeds expects a whole number from 1 to 100; got '99999999999'.")]
    [TestCase("--seeds", "0", "--seeds expects a whole number from 1 to 100; got '0'.")]
    [TestCase("--threads", "abc", "--threads expects a whole number from 1 to 1024; got 'abc'.")]
    [TestCase("--threads", "-3", "--threads expects a whole number from 1 to 1024; got '-3'.")]
    public void Bad_count_is_usage_error_with_the_range(string option, string value, string message)
    {
        var (exit, _, err) = Run("reproduce", "--quick", option, value);
        exit.Should().Be(2);
        err.Should().Contain(message);
    }

    /// <summary>A λ_pred grid that is not numbers, not ascending, too short or negative is bad usage saying which and why (before anything trains).</summary>
    [TestCase("abc", "--prediction-weights expects a comma list of numbers such as 0,1,2,5,10; 'abc' in 'abc' is not a number.")]
    [TestCase("0,1,,5", "'' in '0,1,,5' is not a number.")]
    [TestCase("0,10", "--prediction-weights '0,10': the λ_pred grid needs at least three values (claims 4 and 5 compare its ends with what lies between); got 2.")]
    [TestCase("0,5,2", "--prediction-weights '0,5,2': the λ_pred grid must be in ascending order without repeats; got 5 before 2.")]
    [TestCase("0,1,1,2", "got 1 before 1.")]
    [TestCase("-1,0,1", "--prediction-weights '-1,0,1': every λ_pred must be a finite number ≥ 0; got -1.")]
    [TestCase("0,1,NaN", "every λ_pred must be a finite number ≥ 0; got NaN.")]
    public void Bad_prediction_weight_grid_is_usage_error(string value, string message)
    {
        var (exit, _, err) = Run("reproduce", "--quick", "--prediction-weights", value);
        exit.Should().Be(2);
        err.Should().Contain(message);
    }

    /// <summary>An empty dataset or model list is bad usage, not a run of nothing that exits 0 with an empty report.</summary>
    [TestCase("--dataset", "")]
    [TestCase("--dataset", ",")]
    [TestCase("--model", " , ")]
    public void Empty_list_is_usage_error(string option, string value)
    {
        var (exit, _, err) = Run("reproduce", option, value);
        exit.Should().Be(2);
        err.Should().Contain($"{option} needs at least one of").And.Contain("got an empty list");
    }

    /// <summary>An empty path is bad usage (it crashed for --output and --cache-dir, and meant the current folder for --data-dir).</summary>
    [TestCase("--output")]
    [TestCase("--cache-dir")]
    [TestCase("--data-dir")]
    public void Empty_path_is_usage_error(string option)
    {
        var (exit, _, err) = Run("reproduce", "--quick", option, "");
        exit.Should().Be(2);
        err.Should().Contain($"{option} needs a folder path; got ''.");
    }

    /// <summary>A model cache path that is a file is refused before any training, naming the path and the option that moves it.</summary>
    [Test]
    public void Cache_path_that_is_a_file_is_refused_before_training()
    {
        using var t = new TempFolder();
        t.Write("cache", "not a folder");
        var (exit, output, err) = Run("reproduce", "--quick", "--cache-dir", t.File("cache"), "--output", t.File("report"));
        exit.Should().Be(2);
        err.Should().Contain($"Cannot run: the model cache {t.File("cache")} is a file, not a folder; choose another with --cache-dir DIR");
        output.Should().NotContain("recommender");
        Directory.Exists(t.File("report")).Should().BeFalse();
    }

    /// <summary>An output path that is a file is refused before any training.</summary>
    [Test]
    public void Output_path_that_is_a_file_is_refused_before_training()
    {
        using var t = new TempFolder();
        t.Write("report", "not a folder");
        var (exit, _, err) = Run("reproduce", "--quick", "--cache-dir", t.File("cache"), "--output", t.File("report"));
        exit.Should().Be(2);
        err.Should().Contain($"Cannot run: the report folder {t.File("report")} is a file, not a folder");
        File.ReadAllText(t.File("report")).Should().Be("not a folder");
    }

    /// <summary>A report folder holding a user's file is not replaced (the swap would delete it): refused, the file kept.</summary>
    [Test]
    public void Output_folder_with_a_users_file_is_refused()
    {
        using var t = new TempFolder();
        t.Write("report/my-notes.txt", "mine");
        var (exit, _, err) = Run("reproduce", "--quick", "--cache-dir", t.File("cache"), "--output", t.File("report"));
        exit.Should().Be(2);
        err.Should().Contain("holds my-notes.txt, which no report wrote");
        File.ReadAllText(t.File("report/my-notes.txt")).Should().Be("mine");
    }

    /// <summary>Read-only cache and output folders are refused before training (as root every folder is writable, so there it is skipped).</summary>
    [Test]
    public void Read_only_paths_are_refused_before_training()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Assert.Ignore("needs Unix permissions, and root can write read-only folders");
            return;
        }
        using var t = new TempFolder();
        Directory.CreateDirectory(t.File("ro"));
        File.SetUnixFileMode(t.File("ro"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var (exit, _, err) = Run("reproduce", "--quick", "--cache-dir", t.File("ro/cache"), "--output", t.File("ro/report"));
            exit.Should().Be(2);
            err.Should().Contain("cannot write the model cache").And.Contain("cannot write the report folder");
        }
        finally
        {
            File.SetUnixFileMode(t.File("ro"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Under any CI marker, `snapshots accept` refuses before touching an approved file (it matched only CI=true).</summary>
    [TestCase("CI", "1")]
    [TestCase("CI", "yes")]
    [TestCase("GITHUB_ACTIONS", "true")]
    [TestCase("TF_BUILD", "True")]
    public void Snapshots_accept_is_refused_on_any_build_server(string variable, string value)
    {
        string? before = Environment.GetEnvironmentVariable(variable);
        string? ci = Environment.GetEnvironmentVariable("CI");
        Environment.SetEnvironmentVariable("CI", null);
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            var (exit, _, err) = Run("snapshots", "accept", "--all");
            exit.Should().Be(1);
            err.Should().Contain($"Refusing to accept snapshots on a build server").And.Contain($"{variable}={value}");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
            Environment.SetEnvironmentVariable("CI", ci);
        }
    }

    /// <summary>`repro datasets` with one member missing names it and fails (it said "not in DIR … skipped").</summary>
    [Test]
    public void Datasets_names_the_missing_member_file()
    {
        using var t = new TempFolder();
        t.Write("ml-1m/ratings.dat", "1::1::5\n");
        t.Write("ml-1m/users.dat", "1::F::1::10::48067\n");
        string? before = Environment.GetEnvironmentVariable("REPRO_DATA_DIR");
        Environment.SetEnvironmentVariable("REPRO_DATA_DIR", t.Path);
        try
        {
            var (exit, _, err) = Run("datasets");
            exit.Should().Be(1);
            err.Should().Contain($"Step 'load ml-1m' failed: {t.File("ml-1m")} lacks movies.dat (it has the other member files)");
        }
        finally
        {
            Environment.SetEnvironmentVariable("REPRO_DATA_DIR", before);
        }
    }

    /// <summary>
    /// Outside a checkout and without REPRO_ROOT, `snapshots` and `datasets` say how to point at the checkout and exit 1
    /// (they crashed with exit 134). Runs a copy of the CLI's managed files in a temporary folder, in its own process.
    /// </summary>
    [TestCase("snapshots")]
    [TestCase("datasets")]
    public void Outside_a_checkout_says_to_set_REPRO_ROOT(string command)
    {
        using var t = new TempFolder();
        string bin = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        foreach (string f in Directory.EnumerateFiles(bin).Where(f => f.EndsWith(".dll", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
        {
            File.Copy(f, t.File(Path.GetFileName(f)));
        }
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = t.Path,
        };
        psi.ArgumentList.Add(t.File("repro.dll"));
        psi.ArgumentList.Add(command);
        foreach (string v in new[] { "REPRO_ROOT", "REPRO_DATA_DIR" })
        {
            psi.Environment.Remove(v);
        }
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();

        p.ExitCode.Should().Be(1, stdout.Result + err);
        err.Should().Contain("repro: Could not find Repro.sln above").And.Contain("set REPRO_ROOT to the checkout").And.NotContain("   at ");
    }
}
