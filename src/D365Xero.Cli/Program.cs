using D365Xero.Cli;

return await CliApp.RunAsync(args);
