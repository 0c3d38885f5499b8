using System.Data;
using System.Data.Common;
using AuditKit.FollowUps;

namespace AuditKit.Store;

/// <summary>
/// Schema 3: action ids of 32 hex digits (<see cref="ActionId"/>) instead of 12. Each stored action's id is worked out
/// again from what it was made from (template, rule, team, audit and criterion, all stored) and replaces the old one
/// in the actions and their history; the old id is kept in <c>former_id</c>, so that an id people wrote down still
/// finds its action.
/// </summary>
internal static class ActionIdMigration
{
    public const string AddColumn = "ALTER TABLE actions ADD COLUMN former_id TEXT";

    public const string AddIndex = "CREATE INDEX ix_actions_former ON actions (former_id)";

    public static void Lengthen(DbConnection connection, DbTransaction transaction)
    {
        var renames = new List<(string From, string To)>();
        using (var read = DbCommands.Create(connection, transaction, "SELECT action_id, template_id, rule_key, team, audit_id, criterion FROM actions"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = ActionId.Create(reader.GetString(1), reader.GetString(2), reader.NullableString(3), reader.NullableString(4), reader.NullableString(5));
                renames.Add((reader.GetString(0), id.ToString()));
            }
        }

        using var actions = DbCommands.Create(
            connection, transaction, "UPDATE actions SET action_id = @to, former_id = @from WHERE action_id = @from", ("@to", DbType.String), ("@from", DbType.String));
        using var history = DbCommands.Create(
            connection, transaction, "UPDATE action_history SET action_id = @to WHERE action_id = @from", ("@to", DbType.String), ("@from", DbType.String));
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
