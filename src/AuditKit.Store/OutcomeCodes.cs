using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using AuditKit.Templates;

namespace AuditKit.Store;

/// <summary>
/// A submission's outcomes as one string: one character per criterion, in the order of the criteria of the
/// template version it was evaluated with (<c>template_criteria.position</c>). <c>M</c> met, <c>P</c> partly,
/// <c>N</c> not met, <c>X</c> not applicable, <c>-</c> missing.
/// </summary>
internal static class OutcomeCodes
{
    private const string Codes = "MPNX-";

    public static char Code(Outcome outcome) => Codes[(int)outcome];

    public static string Encode(ImmutableArray<Outcome> outcomes) =>
        string.Create(outcomes.Length, outcomes, static (span, values) =>
        {
            for (var i = 0; i < values.Length; i++)
            {
                span[i] = Codes[(int)values[i]];
            }
        });

    /// <summary>The outcome of a code; false for a character that is not one.</summary>
    public static bool TryDecode(char code, out Outcome outcome)
    {
        var index = Codes.IndexOf(code, StringComparison.Ordinal);
        outcome = index < 0 ? default : (Outcome)index;
        return index >= 0;
    }

    /// <summary>Migration 2: writes each submission's findings rows into its <c>outcomes</c> column.</summary>
    public static void FoldFindings(DbConnection connection, DbTransaction transaction)
    {
        // Criterion positions of every stored template version.
        var positions = new Dictionary<(string Template, int Version, string Hash), Dictionary<string, int>>();
        using (var criteria = DbCommands.Create(
            connection, transaction, "SELECT template_id, version, source_hash, criterion_id, position FROM template_criteria"))
        using (var reader = criteria.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = (reader.GetString(0), reader.Int32(1), reader.GetString(2));
                if (!positions.TryGetValue(key, out var map))
                {
                    positions[key] = map = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                map[reader.GetString(3)] = reader.Int32(4);
            }
        }

        var outcomes = new Dictionary<long, char[]>();
        using (var read = DbCommands.Create(
            connection,
            transaction,
            """
            SELECT s.submission_id, s.template_id, s.template_version, s.template_hash, f.criterion_id, f.outcome
            FROM submissions s JOIN findings f ON f.submission_id = s.submission_id
            """))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.Int64(0);
                if (!positions.TryGetValue((reader.GetString(1), reader.Int32(2), reader.GetString(3)), out var map)
                    || !map.TryGetValue(reader.GetString(4), out var position)
                    || !OutcomeNames.TryParse(reader.GetString(5), out var outcome))
                {
                    continue;
                }

                if (!outcomes.TryGetValue(id, out var codes))
                {
                    outcomes[id] = codes = new string(Code(Outcome.Missing), map.Count).ToCharArray();
                }

                codes[position] = Code(outcome);
            }
        }

        using var update = DbCommands.Create(
            connection, transaction, "UPDATE submissions SET outcomes = @o WHERE submission_id = @id", ("@o", DbType.String), ("@id", DbType.Int64));
        foreach (var (id, codes) in outcomes)
        {
            update.Set(0, new string(codes));
            update.Set(1, id);
            update.ExecuteNonQuery();
        }
    }
}
