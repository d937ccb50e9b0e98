using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Repro.Analyzers;

/// <summary>
/// No Scalar temporaries on the torch path (STACK.md, README "Determinism"). TorchSharp 0.107.0's <c>Scalar</c> holds
/// a raw native pointer that its finalizer frees; a Scalar that nothing references once its handle is read (an
/// implicit <c>double</c> → <c>Scalar</c>, or one TorchSharp makes inside an overload, such as the <c>alpha = 1</c> of
/// <c>a + b</c>) can be freed by the finalizer thread while the native call still reads it, and the run crashes at
/// random. This analyzer reports every place our code makes such a temporary, as an error naming the fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScalarTemporaryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>An implicit conversion of a number to a Scalar that is not kept.</summary>
    public const string ImplicitScalarId = "REPRO001";

    /// <summary>A Tensor operator that makes a Scalar inside TorchSharp (a number operand, or <c>+</c> between tensors).</summary>
    public const string OperatorId = "REPRO002";

    /// <summary>A TorchSharp overload that fills in a Scalar the caller did not pass (a sibling overload takes it).</summary>
    public const string DefaultScalarId = "REPRO003";

    /// <summary>A TorchSharp member whose code makes a Scalar inside (read from TorchSharp's IL).</summary>
    public const string MakesScalarId = "REPRO004";

    /// <summary>A Scalar made explicitly (<c>ToScalar()</c>, a cast) but not kept by a field or a <c>using</c>.</summary>
    public const string TemporaryScalarId = "REPRO005";

    private const string Category = "Reliability";
    private const string Why = "TorchSharp 0.107.0 frees an unreferenced Scalar from the GC finalizer, possibly while a native call still uses it (STACK.md).";

    private static readonly DiagnosticDescriptor ImplicitScalar = new(ImplicitScalarId,
        "Implicit Scalar temporary",
        "'{0}' becomes a temporary Scalar here: pass a long-lived Scalar instead (a static readonly field, or a field of the object that uses it, disposed with it)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Why);

    private static readonly DiagnosticDescriptor Operator = new(OperatorId,
        "Tensor operator makes a Scalar",
        "Operator '{0}' ({1}) makes a temporary Scalar inside TorchSharp: call the method with long-lived Scalars instead ({2})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Why);

    private static readonly DiagnosticDescriptor DefaultScalar = new(DefaultScalarId,
        "Overload makes a default Scalar",
        "'{0}' makes a default Scalar inside TorchSharp: call '{1}' and pass a long-lived Scalar",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Why);

    private static readonly DiagnosticDescriptor MakesScalar = new(MakesScalarId,
        "TorchSharp member makes a Scalar",
        "'{0}' makes a temporary Scalar inside TorchSharp 0.107.0: use a Scalar-free form ({1})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Why);

    private static readonly DiagnosticDescriptor TemporaryScalar = new(TemporaryScalarId,
        "Scalar not kept alive",
        "This Scalar is not kept alive while a native call uses it: store it in a field, or declare it with 'using'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Why);

    /// <summary>
    /// The public members of TorchSharp 0.107.0 whose code makes a Scalar, directly or through the members it calls
    /// (read from the assembly's IL; a test regenerates the list from the referenced TorchSharp and fails on any
    /// difference), as <c>Namespace.Type+Nested::Name(ParameterType,…)</c>.
    /// </summary>
    public static ImmutableHashSet<string> ScalarMakers { get; } = ReadMakers();

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(ImplicitScalar, Operator, DefaultScalar, MakesScalar, TemporaryScalar);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var scalar = start.Compilation.GetTypeByMetadataName("TorchSharp.Scalar");
            if (scalar is null)
            {
                return;
            }
            var rules = new Rules(scalar);
            start.RegisterOperationAction(rules.Conversion, OperationKind.Conversion);
            start.RegisterOperationAction(rules.Binary, OperationKind.Binary, OperationKind.CompoundAssignment, OperationKind.Unary);
            start.RegisterOperationAction(rules.Invocation, OperationKind.Invocation);
            start.RegisterOperationAction(rules.Member, OperationKind.PropertyReference, OperationKind.ObjectCreation);
        });
    }

    /// <summary>The member's key in <see cref="ScalarMakers"/>: <c>Namespace.Type+Nested::Name(ParameterType,…)</c>.</summary>
    public static string Signature(IMethodSymbol method)
    {
        var text = new StringBuilder();
        AppendType(text, method.ContainingType);
        text.Append("::").Append(method.MetadataName).Append('(');
        for (int k = 0; k < method.Parameters.Length; k++)
        {
            if (k > 0)
            {
                text.Append(',');
            }
            text.Append(ParameterTypeName(method.Parameters[k].Type));
            if (method.Parameters[k].RefKind != RefKind.None)
            {
                text.Append('&');
            }
        }
        return text.Append(')').ToString();
    }

    private static void AppendType(StringBuilder text, INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer)
        {
            AppendType(text, outer);
            text.Append('+');
        }
        else if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            text.Append(ns.ToDisplayString()).Append('.');
        }
        text.Append(type.MetadataName);
    }

    // As System.Type.Name prints a parameter's type: "Double", "Int64[]", "Nullable`1", "T".
    private static string ParameterTypeName(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => ParameterTypeName(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]",
        IPointerTypeSymbol pointer => ParameterTypeName(pointer.PointedAtType) + "*",
        _ => type.MetadataName,
    };

    private static ImmutableHashSet<string> ReadMakers()
    {
        using var stream = typeof(ScalarTemporaryAnalyzer).Assembly.GetManifestResourceStream("Repro.Analyzers.TorchSharpScalarMakers.txt")
            ?? throw new InvalidOperationException("The analyzer's list of TorchSharp members is missing from its resources.");
        using var reader = new StreamReader(stream);
        var set = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line);
            }
        }
        return set.ToImmutable();
    }

    private sealed class Rules(INamedTypeSymbol scalar)
    {
        public void Conversion(OperationAnalysisContext context)
        {
            var conversion = (IConversionOperation)context.Operation;
            if (conversion.OperatorMethod is not { } method)
            {
                return;
            }
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, scalar) && IsScalar(conversion.Type) && !IsScalar(conversion.Operand.Type))
            {
                if (!IsKept(conversion))
                {
                    context.ReportDiagnostic(conversion.IsImplicit
                        ? Diagnostic.Create(ImplicitScalar, conversion.Syntax.GetLocation(), conversion.Operand.Syntax.ToString())
                        : Diagnostic.Create(TemporaryScalar, conversion.Syntax.GetLocation()));
                }
                return;
            }
            if (IsTorchSharp(method) && ScalarMakers.Contains(Signature(method.OriginalDefinition)))
            {
                context.ReportDiagnostic(Diagnostic.Create(MakesScalar, conversion.Syntax.GetLocation(), Display(method), "read the value with item<T>()"));
            }
        }

        public void Binary(OperationAnalysisContext context)
        {
            var (method, symbol) = context.Operation switch
            {
                IBinaryOperation b => (b.OperatorMethod, OperatorText(b.OperatorKind)),
                ICompoundAssignmentOperation c => (c.OperatorMethod, OperatorText(c.OperatorKind) + "="),
                IUnaryOperation u => (u.OperatorMethod, u.OperatorKind.ToString()),
                _ => (null, ""),
            };
            if (method is null || !IsTorchSharp(method))
            {
                return;
            }
            bool number = method.Parameters.Any(p => IsNumber(p.Type));
            bool tensorAdd = method.MetadataName == "op_Addition" && method.Parameters.All(p => p.Type.Name == "Tensor");
            if (number || tensorAdd || ScalarMakers.Contains(Signature(method.OriginalDefinition)))
            {
                string operands = string.Join(", ", method.Parameters.Select(p => p.Type.Name));
                string fix = method.MetadataName switch
                {
                    "op_Addition" => "a.add(b, alpha: One)",
                    "op_Subtraction" => number ? "a.sub(s) with a kept Scalar s, or a.neg().add(s, alpha: One) for s − a" : "a.sub(b)",
                    "op_Multiply" => "a.mul(s) with a kept Scalar s",
                    "op_Division" => "a.div(s) with a kept Scalar s",
                    _ => "the method form with kept Scalars",
                };
                context.ReportDiagnostic(Diagnostic.Create(Operator, context.Operation.Syntax.GetLocation(), symbol, operands, fix));
            }
        }

        public void Invocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            if (!IsTorchSharp(method))
            {
                return;
            }
            if (IsScalar(method.ReturnType))
            {
                // A factory (x.ToScalar(), t.ToScalar()): the Scalar it returns is the caller's to keep.
                if (!IsKept(invocation))
                {
                    context.ReportDiagnostic(Diagnostic.Create(TemporaryScalar, invocation.Syntax.GetLocation()));
                }
                return;
            }
            if (LongerSibling(method) is { } sibling)
            {
                context.ReportDiagnostic(Diagnostic.Create(DefaultScalar, invocation.Syntax.GetLocation(), Display(method), Display(sibling)));
                return;
            }
            if (ScalarMakers.Contains(Signature(method.OriginalDefinition)))
            {
                context.ReportDiagnostic(Diagnostic.Create(MakesScalar, invocation.Syntax.GetLocation(), Display(method), Alternative(method)));
            }
        }

        public void Member(OperationAnalysisContext context)
        {
            var method = context.Operation switch
            {
                IPropertyReferenceOperation p => p.Property.GetMethod,
                IObjectCreationOperation o => o.Constructor,
                _ => null,
            };
            if (method is not null && IsTorchSharp(method) && ScalarMakers.Contains(Signature(method.OriginalDefinition)))
            {
                context.ReportDiagnostic(Diagnostic.Create(MakesScalar, context.Operation.Syntax.GetLocation(), Display(method), "a Scalar-free form"));
            }
        }

        // add(Tensor) beside add(Tensor, Scalar alpha): the shorter one passes a Scalar it makes itself.
        private IMethodSymbol? LongerSibling(IMethodSymbol method)
        {
            foreach (var other in method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (other.Parameters.Length <= method.Parameters.Length || other.IsStatic != method.IsStatic)
                {
                    continue;
                }
                bool prefix = true;
                for (int k = 0; k < method.Parameters.Length && prefix; k++)
                {
                    prefix = SymbolEqualityComparer.Default.Equals(method.Parameters[k].Type, other.Parameters[k].Type);
                }
                if (prefix && other.Parameters.Skip(method.Parameters.Length).All(p => IsScalar(p.Type)))
                {
                    return other;
                }
            }
            return null;
        }

        private bool IsScalar(ITypeSymbol? type) => type is not null && SymbolEqualityComparer.Default.Equals(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), scalar);

        private bool IsTorchSharp(IMethodSymbol method) => SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, scalar.ContainingAssembly);
    }

    private static bool IsNumber(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Single
        or SpecialType.System_Double or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte;

    /// <summary>
    /// Whether a Scalar made by <paramref name="operation"/> is kept alive past the native calls that use it: a field or
    /// property initialiser, an assignment to a field, property or array element, a <c>using</c> declaration, or a
    /// <c>return</c> (the caller owns it), possibly through an array or collection that is itself kept.
    /// </summary>
    private static bool IsKept(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = parent;
            parent = parent.Parent;
        }
        switch (parent)
        {
            case IFieldInitializerOperation:
            case IPropertyInitializerOperation:
            case IReturnOperation:
                return true;
            case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, operation):
                return assignment.Target.Kind is OperationKind.FieldReference or OperationKind.PropertyReference or OperationKind.ArrayElementReference;
            case IVariableInitializerOperation initializer:
                for (var up = initializer.Parent; up is not null; up = up.Parent)
                {
                    if (up is IUsingDeclarationOperation or IUsingOperation)
                    {
                        return true;
                    }
                    if (up is not (IVariableDeclaratorOperation or IVariableDeclarationOperation or IVariableDeclarationGroupOperation))
                    {
                        return false;
                    }
                }
                return false;
            case IArrayInitializerOperation array:
                return array.Parent is IArrayCreationOperation creation && IsKept(creation);
            case ICollectionExpressionOperation collection:
                return IsKept(collection);
            default:
                return false;
        }
    }

    private static string Alternative(IMethodSymbol method) => method.Name switch
    {
        "step" => "Repro's LeanAdam, which keeps its Scalars",
        "ToDouble" or "ToSingle" or "ToInt32" or "ToInt64" or "ToInt16" or "ToByte" or "ToSByte" or "ToBoolean" or "ToHalf" or "ToBFloat16" => "item<T>()",
        "square" => "t.mul(t)",
        "ToString" or "str" or "print" or "cstr" or "npstr" or "jlstr" or "metastr" or "tolist" => "copy the values out with data<T>()",
        _ => "a method that takes the Scalar, with a kept one",
    };

    private static string Display(IMethodSymbol method) =>
        method.ContainingType.Name + "." + method.Name + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.Name)) + ")";

    private static string OperatorText(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => "+",
        BinaryOperatorKind.Subtract => "-",
        BinaryOperatorKind.Multiply => "*",
        BinaryOperatorKind.Divide => "/",
        BinaryOperatorKind.Remainder => "%",
        _ => kind.ToString(),
    };
}
