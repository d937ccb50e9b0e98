using FluentAssertions;
using NUnit.Framework;

namespace Repro.Analyzers.Tests;

/// <summary>
/// <see cref="ScalarTemporaryAnalyzer"/> flags every way our code can hand TorchSharp 0.107.0 a Scalar that nothing
/// keeps alive, and passes the fixed forms (long-lived Scalars, explicit alpha).
/// </summary>
[TestFixture]
public sealed class ScalarTemporaryAnalyzerTests
{
    /// <summary>Each unsafe form is an error with the rule that names its fix.</summary>
    [TestCase("return a.mul(0.5);", ScalarTemporaryAnalyzer.ImplicitScalarId, TestName = "Number passed where a Scalar is expected")]
    [TestCase("return a.clamp(1e-6, 1 - 1e-6);", ScalarTemporaryAnalyzer.ImplicitScalarId + "," + ScalarTemporaryAnalyzer.ImplicitScalarId, TestName = "Numbers passed as clamp bounds")]
    [TestCase("Scalar s = x; return a.mul(s);", ScalarTemporaryAnalyzer.ImplicitScalarId, TestName = "Number converted into a plain local")]
    [TestCase("return a + 1e-6;", ScalarTemporaryAnalyzer.OperatorId, TestName = "Tensor plus a number")]
    [TestCase("return 1 - a;", ScalarTemporaryAnalyzer.OperatorId, TestName = "Number minus a tensor")]
    [TestCase("return a * x;", ScalarTemporaryAnalyzer.OperatorId, TestName = "Tensor times a number")]
    [TestCase("return a / 2;", ScalarTemporaryAnalyzer.OperatorId, TestName = "Tensor over an int")]
    [TestCase("return a + b;", ScalarTemporaryAnalyzer.OperatorId, TestName = "Tensor plus a tensor makes alpha")]
    [TestCase("return a + kept;", ScalarTemporaryAnalyzer.OperatorId, TestName = "Tensor plus a kept Scalar still makes alpha")]
    [TestCase("var c = a; c += b; return c;", ScalarTemporaryAnalyzer.OperatorId, TestName = "Compound addition of tensors")]
    [TestCase("return a.add(b);", ScalarTemporaryAnalyzer.DefaultScalarId, TestName = "add without alpha")]
    [TestCase("return a.add_(b);", ScalarTemporaryAnalyzer.DefaultScalarId, TestName = "In-place add without alpha")]
    [TestCase("return a.add(kept);", ScalarTemporaryAnalyzer.DefaultScalarId, TestName = "add of a Scalar without alpha")]
    [TestCase("return a.addcdiv(a, b);", ScalarTemporaryAnalyzer.DefaultScalarId, TestName = "addcdiv without value")]
    [TestCase("return torch.add(a, b);", ScalarTemporaryAnalyzer.DefaultScalarId, TestName = "torch.add without alpha")]
    [TestCase("return a.square();", ScalarTemporaryAnalyzer.MakesScalarId, TestName = "square makes its exponent")]
    [TestCase("return a.ToDouble();", ScalarTemporaryAnalyzer.MakesScalarId, TestName = "ToDouble goes through a Scalar")]
    [TestCase("return (double)a;", ScalarTemporaryAnalyzer.MakesScalarId, TestName = "Explicit conversion of a tensor to a number")]
    [TestCase("return nn.functional.leaky_relu(a, 0.1);", ScalarTemporaryAnalyzer.MakesScalarId, TestName = "leaky_relu makes its slope")]
    [TestCase("using var adam = optim.Adam([new TorchSharp.Modules.Parameter(a)]); adam.step(); return adam;", ScalarTemporaryAnalyzer.MakesScalarId, TestName = "TorchSharp's Adam step makes Scalars")]
    [TestCase("return a.mul(x.ToScalar());", ScalarTemporaryAnalyzer.TemporaryScalarId, TestName = "ToScalar passed straight on")]
    [TestCase("var s = x.ToScalar(); return a.mul(s);", ScalarTemporaryAnalyzer.TemporaryScalarId, TestName = "ToScalar into a local without using")]
    [TestCase("return a.mul((Scalar)x);", ScalarTemporaryAnalyzer.TemporaryScalarId, TestName = "Cast to Scalar passed straight on")]
    [TestCase("return a.mul(a.sum().ToScalar());", ScalarTemporaryAnalyzer.TemporaryScalarId, TestName = "Tensor ToScalar passed straight on")]
    public void Unsafe_form_is_an_error(string body, string ids)
    {
        var diagnostics = Snippets.Analyze(body);
        diagnostics.Select(d => d.Id).Should().BeEquivalentTo(ids.Split(','), body);
        diagnostics.Should().OnlyContain(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }

    /// <summary>The fixed forms pass: kept Scalars (static, owned fields, using locals), explicit alpha, Scalar-free operators.</summary>
    [TestCase("return a.mul(kept);")]
    [TestCase("return a.add(b, alpha: kept);")]
    [TestCase("return a.add(kept, kept);")]
    [TestCase("return a.add_(b, kept);")]
    [TestCase("return a.addcdiv(a, b, kept);")]
    [TestCase("return a.sub(b);")]
    [TestCase("return a - b;")]
    [TestCase("return a.sub(kept);")]
    [TestCase("return a * b;")]
    [TestCase("return a / b;")]
    [TestCase("return -a;")]
    [TestCase("return a.neg().add(kept, kept);")]
    [TestCase("return a.clamp(kept, kept);")]
    [TestCase("return a.item<float>();")]
    [TestCase("using var s = x.ToScalar(); return a.mul(s);")]
    [TestCase("using Scalar s = x; return a.mul(s);")]
    [TestCase("using (var s = x.ToScalar()) { return a.mul(s); }")]
    [TestCase("return x.ToScalar();")]
    [TestCase("return a.mul(Half);", "private static readonly Scalar Half = 0.5;")]
    [TestCase("return a.mul(_w);", "private readonly Scalar _w; public Snippet(double w) { _w = w.ToScalar(); }")]
    [TestCase("return a.mul(_ws[0]);", "private readonly Scalar[] _ws = new[] { 1.0, 2.0 }.Select(w => w.ToScalar()).ToArray();")]
    [TestCase("return a.mul(_ws[1]);", "private readonly Scalar[] _ws = [1.0.ToScalar(), 2.0.ToScalar()];")]
    [TestCase("return a.mul(One);", "private static Scalar One { get; } = 1;")]
    public void Fixed_form_passes(string body, string members = "") =>
        Snippets.Analyze(body, members).Should().BeEmpty(body);

    /// <summary>
    /// The analyzer's list of TorchSharp members that make a Scalar inside is exactly what TorchSharp's IL says, for the
    /// TorchSharp this repository references: an upgrade that changes it fails here, with the list to put in its place.
    /// </summary>
    [Test]
    public void Scalar_makers_list_matches_torchsharp_il()
    {
        var fromIl = TorchSharpIl.ScalarMakers();
        var listed = ScalarTemporaryAnalyzer.ScalarMakers;
        string file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "TorchSharpScalarMakers.txt");
        if (!fromIl.SetEquals(listed))
        {
            File.WriteAllLines(file, ["# Public TorchSharp members whose code makes a Scalar (TorchSharp's IL, tests/Repro.Analyzers.Tests/TorchSharpIl.cs).", .. fromIl]);
        }
        fromIl.Except(listed).Should().BeEmpty($"these members make Scalars but are not in src/Repro.Analyzers/TorchSharpScalarMakers.txt (the full list is written to {file})");
        listed.Except(fromIl).Should().BeEmpty($"these listed members no longer make Scalars (the full list is written to {file})");
    }

    /// <summary>The IL reading finds the members this issue was filed for: a + b's alpha, KL's implicit numbers, Adam's step.</summary>
    [TestCase("TorchSharp.torch+Tensor::add(Tensor)")]
    [TestCase("TorchSharp.torch+Tensor::op_Addition(Tensor,Tensor)")]
    [TestCase("TorchSharp.torch+Tensor::op_Addition(Tensor,Double)")]
    [TestCase("TorchSharp.torch+Tensor::op_Subtraction(Double,Tensor)")]
    [TestCase("TorchSharp.Modules.Adam::step(Func`1)")]
    public void Il_reading_finds_the_known_makers(string signature) => TorchSharpIl.ScalarMakers().Should().Contain(signature);

    /// <summary>Subtracting tensors takes no alpha in 0.107.0 (THSTensor_sub), which is why the analyzer lets <c>a - b</c> pass.</summary>
    [TestCase("TorchSharp.torch+Tensor::op_Subtraction(Tensor,Tensor)")]
    [TestCase("TorchSharp.torch+Tensor::sub(Tensor)")]
    [TestCase("TorchSharp.torch+Tensor::mul(Scalar)")]
    public void Il_reading_clears_the_safe_members(string signature) => TorchSharpIl.ScalarMakers().Should().NotContain(signature);
}
