using System.CommandLine;
using MutualAdmin.Web.Hosting;

// The host is a table of contents: Hosting/App.cs adds and maps each feature; Hosting/Cli.cs lists the verbs.
// On Ctrl+C or SIGTERM the running verb or host is cancelled and given time to finish: leaving includes
// stopping the embedded PostgreSQL it started, which System.CommandLine's default 2 seconds cut short.
return await Cli.Build(args).Parse(args).InvokeAsync(new InvocationConfiguration
{
    EnableDefaultExceptionHandler = false,
    ProcessTerminationTimeout = TimeSpan.FromMinutes(1),
});

public partial class Program;
