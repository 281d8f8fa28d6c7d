using D365Xero.Cli;

return await CliApp.Build().Parse(args).InvokeAsync();
