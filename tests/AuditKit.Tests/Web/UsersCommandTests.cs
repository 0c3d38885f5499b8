using AuditKit.Cli;
using AuditKit.Cli.Hosting;
using AuditKit.Store;
using AuditKit.Tests.Support;
using AuditKit.Web.People;

namespace AuditKit.Tests.Web;

/// <summary><c>auditkit users</c> on a real SQLite store.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "auditkit-users-" + Guid.NewGuid().ToString("N"));

    public UsersCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Add_ThenList_StoresAHashedPasswordAndShowsThePerson()
    {
        var (code, _, error) = await Users("a long enough password\n", "add", "--email", "Sam.Manager@Council.test", "--name", "Sam Manager", "--role", "team_manager", "--team", "Child Protection East", "--password-stdin");
        code.ShouldBe(0, error);

        var (listed, output, _) = await Users(string.Empty, "list");
        listed.ShouldBe(0);
        output.ShouldContain("sam.manager@council.test");
        output.ShouldContain("Child Protection East");
        output.ShouldContain("active");

        using var store = AuditStore.OpenSqlite(Path.Combine(_folder, "auditkit.db"));
        var user = ((IPeopleStore)store).FindUser("SAM.MANAGER@council.test")!;
        user.PasswordHash.ShouldNotContain("a long enough password");
        Passwords.Verify(user.Email, user.PasswordHash, "a long enough password").ShouldBeTrue();
        Passwords.Verify(user.Email, user.PasswordHash, "another password").ShouldBeFalse();
    }

    [Fact]
    public async Task Add_BadInput_SaysEveryProblemWithItsCode()
    {
        var (code, _, error) = await Users("short\n", "add", "--email", "not-an-email", "--name", "X", "--role", "manager", "--password-stdin");
        code.ShouldBe(ExitCodes.Invalid);
        error.ShouldContain("error AK8009: 'not-an-email' is not an email address");
        error.ShouldContain("error AK8001: 'manager' is not a role; choose auditor, team_manager, service_manager, head_of_service, qa_officer, admin.");
        error.ShouldContain("error AK8005: The password read from standard input has 5 characters; give at least 12.");

        (await Users("a long enough password\n", "add", "--email", "a@b.test", "--name", "A", "--role", "team_manager", "--password-stdin")).Error
            .ShouldContain("error AK8002:");
        (await Users("a long enough password\n", "add", "--email", "a@b.test", "--name", "A", "--role", "service_manager", "--password-stdin")).Error
            .ShouldContain("error AK8003:");
    }

    [Fact]
    public async Task Add_SameEmailTwice_RefusedTheSecondTime()
    {
        (await Users("a long enough password\n", "add", "--email", "q@council.test", "--name", "Q", "--role", "qa_officer", "--password-stdin")).Code.ShouldBe(0);
        var again = await Users("a long enough password\n", "add", "--email", "Q@council.test", "--name", "Q", "--role", "admin", "--password-stdin");
        again.Code.ShouldBe(ExitCodes.Invalid);
        again.Error.ShouldContain("error AK8004: There is already a person with the email address 'q@council.test'");
    }

    [Fact]
    public async Task Disable_UnknownEmail_SaysSo()
    {
        AuditStore.OpenSqlite(Path.Combine(_folder, "auditkit.db")).Dispose();
        var result = await Users(string.Empty, "disable", "nobody@council.test");
        result.Code.ShouldBe(ExitCodes.Invalid);
        result.Error.ShouldContain("error AK8006: There is no person with the email address 'nobody@council.test'");
    }

    private async Task<(int Code, string Out, string Error)> Users(string input, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = CliEnvironment.ForTests(_folder, CliRunner.FixedNow) with { Input = new StringReader(input) };
        var code = await AuditKitCli.InvokeAsync(["users", .. args], stdout, stderr, environment);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
