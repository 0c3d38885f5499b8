using AuditKit.Cli;

return await AuditKitCli.InvokeAsync(args, System.Console.Out, System.Console.Error);
