namespace MutualAdmin.EventStore.Embedded;

/// <summary>
/// Serialises the processes that start, join or stop the cluster of one data folder: a lock file
/// beside the folder, held with an exclusive file lock (flock on Unix) that the system releases when
/// the holder dies. Without it two hosts starting at once would both find no server running.
/// </summary>
internal sealed class FolderLock : IDisposable
{
    private readonly FileStream file;

    private FolderLock(FileStream file) => this.file = file;

    public static async Task<FolderLock> Take(string dataDirectory, CancellationToken ct)
    {
        var path = dataDirectory.TrimEnd('/') + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Starting a cluster (initdb included) takes seconds on a small machine; waiting minutes means a stuck holder.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            try
            {
                return new FolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    public void Dispose() => file.Dispose();
}
