// The cases kill and freeze the processes they share: one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
