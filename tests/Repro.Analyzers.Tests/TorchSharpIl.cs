using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace Repro.Analyzers.Tests;

/// <summary>
/// Reads TorchSharp's IL: which of its public members make a <c>Scalar</c>, directly (an implicit conversion to
/// Scalar, a <c>ToScalar</c> call) or through any TorchSharp member they call. The analyzer's list must equal this.
/// </summary>
internal static class TorchSharpIl
{
    private static readonly Dictionary<short, OpCode> OneByte = [];
    private static readonly Dictionary<short, OpCode> TwoByte = [];

    static TorchSharpIl()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)field.GetValue(null)!;
            (op.Size == 1 ? OneByte : TwoByte)[op.Value] = op;
        }
    }

    /// <summary>The public members that make a Scalar, by the analyzer's signature format, excluding Scalar's own conversions and factories.</summary>
    public static SortedSet<string> ScalarMakers()
    {
        var assembly = typeof(TorchSharp.Scalar).Assembly;
        var scalar = typeof(TorchSharp.Scalar);
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // Types that need an optional dependency (SkiaSharp) cannot load; none of them is on the torch path.
            types = [.. e.Types.Where(t => t is not null).Select(t => t!)];
        }
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var methods = types.SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all))).ToList();
        var calls = methods.ToDictionary(m => m, m => Callees(m).ToList());
        bool IsFactory(MethodBase m) => m.DeclaringType == scalar || m.DeclaringType?.Name == "ScalarExtensionMethods";
        var makes = new HashSet<MethodBase>(methods.Where(m => !IsFactory(m) && calls[m].Any(c => IsFactory(c) && (c.Name == "op_Implicit" || c.Name.StartsWith("To", StringComparison.Ordinal)))));
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var (m, callees) in calls)
            {
                if (!makes.Contains(m) && !IsFactory(m) && callees.Any(makes.Contains))
                {
                    makes.Add(m);
                    grew = true;
                }
            }
        }
        return new SortedSet<string>(makes.Where(IsVisible).Select(Signature), StringComparer.Ordinal);
    }

    private static bool IsVisible(MethodBase m) => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && m.DeclaringType is { } t && Visible(t);

    private static bool Visible(Type t) => t.IsNested ? (t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem) && Visible(t.DeclaringType!) : t.IsPublic;

    /// <summary>The analyzer's format: <c>Namespace.Type+Nested::Name(ParameterType,…)</c>, types as <c>System.Type.Name</c> prints them.</summary>
    public static string Signature(MethodBase m)
    {
        var text = new StringBuilder();
        text.Append(m.DeclaringType!.FullName).Append("::").Append(m.Name).Append('(');
        text.AppendJoin(',', m.GetParameters().Select(p => p.ParameterType.Name));
        return text.Append(')').ToString();
    }

    // Every method a body calls (call, callvirt, newobj, ldftn), as definitions (not generic instantiations).
    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (BadImageFormatException)
        {
            yield break;
        }
        if (il is null)
        {
            yield break;
        }
        for (int i = 0; i < il.Length;)
        {
            OpCode op;
            if (il[i] == 0xFE)
            {
                op = TwoByte[unchecked((short)(0xFE00 | il[i + 1]))];
                i += 2;
            }
            else
            {
                op = OneByte[il[i]];
                i++;
            }
            if (op.OperandType == OperandType.InlineMethod && Resolve(method, BitConverter.ToInt32(il, i)) is { } callee)
            {
                yield return callee;
            }
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }
    }

    private static MethodBase? Resolve(MethodBase caller, int token)
    {
        var module = caller.Module;
        MethodBase? m;
        try
        {
            m = module.ResolveMethod(token,
                caller.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null,
                caller.IsGenericMethod ? caller.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (TypeLoadException)
        {
            return null;
        }
        if (m is MethodInfo { IsGenericMethod: true, IsGenericMethodDefinition: false } generic)
        {
            m = generic.GetGenericMethodDefinition();
        }
        if (m?.DeclaringType is { IsGenericType: true, IsGenericTypeDefinition: false } && m.Module == module)
        {
            try
            {
                m = module.ResolveMethod(m.MetadataToken);
            }
            catch (ArgumentException)
            {
            }
        }
        return m;
    }
}
