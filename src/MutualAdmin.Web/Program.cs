using System.CommandLine;
using MutualAdmin.Web.Hosting;

// The host is a table of contents: Hosting/App.cs adds and maps each feature; Hosting/Cli.cs lists the verbs.
return await Cli.Build(args).Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });

public partial class Program;
