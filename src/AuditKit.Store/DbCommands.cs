using System.Data;
using System.Data.Common;
using System.Globalization;
using AuditKit.Calendar;

namespace AuditKit.Store;

/// <summary>Small ADO.NET conveniences shared by both providers.</summary>
internal static class DbCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static void Set(this DbCommand command, int index, object? value) =>
        command.Parameters[index].Value = value ?? DBNull.Value;

    public static string Iso(DateOnly date) => IsoDate.Format(date);

    public static DateOnly ParseIso(string text) => IsoDate.Parse(text);

    public static string? NullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static double? NullableDouble(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long Int64(this DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static int Int32(this DbDataReader reader, int ordinal) =>
        Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
