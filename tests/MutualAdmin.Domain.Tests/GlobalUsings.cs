global using Xunit;
global using MutualAdmin.Domain;
