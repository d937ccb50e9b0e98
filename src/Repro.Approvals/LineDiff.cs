using System.Globalization;
using System.Text;

namespace Repro.Snapshots;

/// <summary>
/// A small line diff (longest common subsequence) for snapshot failures and <c>repro snapshots</c>, bounded in time and
/// memory whatever it is given: a received file of megabytes or of binary garbage must not take minutes, gigabytes or
/// the terminal with it.
/// </summary>
public static class LineDiff
{
    /// <summary>Largest LCS table (cells) between the first and last differing lines; past it the changed block is shown as removed then added.</summary>
    public const long MaxTableCells = 4_000_000;

    /// <summary>Most diff lines printed; the rest is counted.</summary>
    public const int MaxOutputLines = 400;

    /// <summary>Longest line printed; longer lines are cut and marked.</summary>
    public const int MaxLineLength = 400;

    /// <summary>Lines of <paramref name="before"/> and <paramref name="after"/> as "-"/"+"/" " lines with 2 lines of context.</summary>
    public static string Unified(string before, string after, string beforeName, string afterName, int context = 2)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var sb = new StringBuilder();
        sb.Append("--- ").Append(Printable(beforeName)).Append('\n').Append("+++ ").Append(Printable(afterName)).Append('\n');
        string? whyBefore = NotText(before), whyAfter = NotText(after);
        if (whyBefore is not null || whyAfter is not null)
        {
            string which = whyBefore is not null ? beforeName : afterName;
            sb.Append(CultureInfo.InvariantCulture, $"(not shown: {Printable(which)} is not text ({whyBefore ?? whyAfter}); {before.Length:N0} characters before, {after.Length:N0} after. Open the file to see what produced it.)\n");
            return sb.ToString();
        }
        string[] a = before.Length == 0 ? [] : before.TrimEnd('\n').Split('\n');
        string[] b = after.Length == 0 ? [] : after.TrimEnd('\n').Split('\n');
        var ops = Operations(a, b);

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
        bool gap = false;
        int printed = 0, omitted = 0;
        for (int k = 0; k < ops.Count; k++)
        {
            if (!keep[k])
            {
                gap = true;
                continue;
            }
            if (printed >= MaxOutputLines)
            {
                omitted++;
                continue;
            }
            if (gap)
            {
                sb.Append("...\n");
                gap = false;
            }
            string line = ops[k].Line.Length > MaxLineLength ? ops[k].Line[..MaxLineLength] + " [line cut]" : ops[k].Line;
            sb.Append(ops[k].Op).Append(' ').Append(Printable(line)).Append('\n');
            printed++;
        }
        if (omitted > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"... ({omitted:N0} more diff lines not shown; compare the two files with a diff tool)\n");
        }
        return sb.ToString();
    }

    /// <summary>Text with control characters (NUL, escape codes, other C0/C1 controls except tab) written as \xNN.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsControl))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (char ch in text)
        {
            if (IsControl(ch))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)ch:x2}");
            }
            else
            {
                sb.Append(ch);
            }
        }
        return sb.ToString();
    }

    private static bool IsControl(char ch) => ch != '\t' && ch != '\n' && char.IsControl(ch);

    // Why a text is not worth a line diff (null when it is text): NUL bytes or many control characters mean binary data.
    private static string? NotText(string text)
    {
        int controls = 0, nul = 0;
        foreach (char ch in text)
        {
            if (ch == '\0')
            {
                nul++;
            }
            else if (ch != '\r' && IsControl(ch))
            {
                controls++;
            }
        }
        if (nul > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{nul:N0} NUL characters");
        }
        return controls > Math.Max(8, text.Length / 100)
            ? string.Create(CultureInfo.InvariantCulture, $"{controls:N0} control characters")
            : null;
    }

    // Common prefix and suffix are matched in linear time; the LCS table covers only the block between them, and only
    // when it fits MaxTableCells (a whole rewrite of a large table is shown as removed, then added).
    private static List<(char Op, string Line)> Operations(string[] a, string[] b)
    {
        int head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }
        int tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }
        var ops = new List<(char Op, string Line)>(a.Length + b.Length);
        for (int i = 0; i < head; i++)
        {
            ops.Add((' ', a[i]));
        }
        int n = a.Length - head - tail, m = b.Length - head - tail;
        if ((long)(n + 1) * (m + 1) <= MaxTableCells)
        {
            int[,] lcs = new int[n + 1, m + 1];
            for (int i = n - 1; i >= 0; i--)
            {
                for (int j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = a[head + i] == b[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }
            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[head + x] == b[head + y])
                {
                    ops.Add((' ', a[head + x]));
                    x++;
                    y++;
                }
                else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
                {
                    // Removed lines before added ones, as diff -u shows a change.
                    ops.Add(('-', a[head + x++]));
                }
                else
                {
                    ops.Add(('+', b[head + y++]));
                }
            }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                ops.Add(('-', a[head + i]));
            }
            for (int j = 0; j < m; j++)
            {
                ops.Add(('+', b[head + j]));
            }
        }
        for (int i = a.Length - tail; i < a.Length; i++)
        {
            ops.Add((' ', a[i]));
        }
        return ops;
    }
}
