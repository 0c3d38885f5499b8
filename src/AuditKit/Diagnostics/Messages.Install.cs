namespace AuditKit.Diagnostics;

public static partial class Messages
{
    /// <summary>
    /// Texts about where AuditKit's settings and history store come from (codes AK70xx): configuration files, the
    /// environment and the command line. Never a password.
    /// </summary>
    public static class Install
    {
        /// <summary>AK7001: a password in <c>--connection</c>, where anyone listing the machine's processes can read it.</summary>
        public const string PasswordOnCommandLineCode = "AK7001";

        /// <summary>AK7002: one source giving both an SQLite file and a PostgreSQL connection.</summary>
        public const string StoreTwiceCode = "AK7002";

        /// <summary>AK7003: a store setting that is present but empty.</summary>
        public const string StoreSettingEmptyCode = "AK7003";

        public static string PasswordOnCommandLine(string key) =>
            $"--connection holds a password ({key}=...), and a command line can be read by anyone who lists the machine's processes. "
            + "Leave the password out of --connection and give it in the PGPASSWORD environment variable, a pgpass file "
            + "(~/.pgpass, or %APPDATA%\\postgresql\\pgpass.conf on Windows), or the Connection setting of an auditkit.json only you can read.";

        public static string StoreTwice(string source) =>
            $"{source} sets both Db (an SQLite file) and Connection (a PostgreSQL store); keep the one you mean and remove the other.";

        public static string StoreSettingEmpty(string key, string source) =>
            $"{key} in {source} is empty; give a value (for example Db: \"/srv/auditkit/auditkit.db\") or remove it.";
    }
}
