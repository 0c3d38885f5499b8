using System.Data;
using System.Data.Common;
using AuditKit.FollowUps;

namespace AuditKit.Store;

/// <summary>
/// Schema 3: action ids grow from 12 hex digits to the full 32 (<see cref="ActionId"/>). Each stored action's id is
/// worked out again from what it was made from (template, rule, team, audit and criterion, all stored) and replaces
/// the short one in the actions and their history. The short id is the start of the long one, so whatever people
/// wrote down still finds its action.
/// </summary>
internal static class ActionIdMigration
{
    public static void Lengthen(DbConnection connection, DbTransaction transaction)
    {
        var renames = new List<(string From, string To)>();
        using (var read = DbCommands.Create(connection, transaction, "SELECT action_id, template_id, rule_key, team, audit_id, criterion FROM actions"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var stored = reader.GetString(0);
                var full = ActionId.Create(reader.GetString(1), reader.GetString(2), reader.NullableString(3), reader.NullableString(4), reader.NullableString(5)).ToString();

                // An id that is not the start of the one worked out again was made some other way: it stays as it is.
                if (stored.Length < full.Length && full.StartsWith(stored, StringComparison.Ordinal))
                {
                    renames.Add((stored, full));
                }
            }
        }

        using var actions = DbCommands.Create(connection, transaction, "UPDATE actions SET action_id = @to WHERE action_id = @from", ("@to", DbType.String), ("@from", DbType.String));
        using var history = DbCommands.Create(connection, transaction, "UPDATE action_history SET action_id = @to WHERE action_id = @from", ("@to", DbType.String), ("@from", DbType.String));
        foreach (var (from, to) in renames)
        {
            foreach (var command in (ReadOnlySpan<DbCommand>)[actions, history])
            {
                command.Set(0, to);
                command.Set(1, from);
                command.ExecuteNonQuery();
            }
        }
    }
}
