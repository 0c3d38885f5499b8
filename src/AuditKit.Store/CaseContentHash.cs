using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuditKit.Calendar;
using AuditKit.Reporting;
using AuditKit.Templates;

namespace AuditKit.Store;

/// <summary>A content hash of an evaluated audit: same row, same hash.</summary>
public static class CaseContentHash
{
    /// <summary>SHA-256 (lower-case hex) of every field of the row, its outcomes and its comments.</summary>
    public static string Of(CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var text = new StringBuilder(256);
        Append(text, row.AuditId);
        Append(text, IsoDate.Format(row.AuditDate));
        Append(text, row.Auditor);
        Append(text, row.CaseRef);
        Append(text, row.CaseType);
        Append(text, row.Team);
        Append(text, row.Service);
        Append(text, row.Practitioner);
        Append(text, row.AuditorGrade);
        Append(text, row.Grade);
        Append(text, row.Score?.ToString("R", CultureInfo.InvariantCulture));
        foreach (var outcome in row.Outcomes)
        {
            Append(text, outcome.ToContractName());
        }

        // Comments only when there are any, so that a row without them hashes as it did before comments were kept;
        // a corrected comment is then a new revision.
        if (row.Comments.Any(c => c is not null))
        {
            text.Append("comments:");
            foreach (var comment in row.Comments)
            {
                Append(text, comment);
            }
        }

        // Likewise the first audit a moderation audit moderates, only for a moderation audit.
        if (row.Moderates is not null)
        {
            text.Append("moderates:");
            Append(text, row.Moderates);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Append(StringBuilder text, string? value)
    {
        // A length prefix keeps "a|b" and "a" + "|b" apart; null differs from empty.
        if (value is null)
        {
            text.Append("-1:");
            return;
        }

        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }
}
