using System.Text;

namespace Repro.Reporting;

/// <summary>A small line diff (longest common subsequence) for snapshot failures and <c>repro snapshots</c>.</summary>
public static class LineDiff
{
    /// <summary>Lines of <paramref name="before"/> and <paramref name="after"/> as "-"/"+"/" " lines with 2 lines of context.</summary>
    public static string Unified(string before, string after, string beforeName, string afterName, int context = 2)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        string[] a = before.Length == 0 ? [] : before.TrimEnd('\n').Split('\n');
        string[] b = after.Length == 0 ? [] : after.TrimEnd('\n').Split('\n');
        int[,] lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var ops = new List<(char Op, string Line)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                ops.Add((' ', a[x]));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                ops.Add(('+', b[y++]));
            }
            else
            {
                ops.Add(('-', a[x++]));
            }
        }
        var keep = new bool[ops.Count];
        for (int k = 0; k < ops.Count; k++)
        {
            if (ops[k].Op != ' ')
            {
                for (int c = Math.Max(0, k - context); c <= Math.Min(ops.Count - 1, k + context); c++)
                {
                    keep[c] = true;
                }
            }
        }
        var sb = new StringBuilder();
        sb.Append("--- ").Append(beforeName).Append('\n').Append("+++ ").Append(afterName).Append('\n');
        bool gap = false;
        for (int k = 0; k < ops.Count; k++)
        {
            if (!keep[k])
            {
                gap = true;
                continue;
            }
            if (gap)
            {
                sb.Append("...\n");
                gap = false;
            }
            sb.Append(ops[k].Op).Append(' ').Append(ops[k].Line).Append('\n');
        }
        return sb.ToString();
    }
}
