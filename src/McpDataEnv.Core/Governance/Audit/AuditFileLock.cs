namespace McpDataEnv.Core.Governance.Audit;

/// <summary>
/// Cross-process mutual exclusion for an audit file: an exclusively opened <c>.lock</c> file next to it.
/// The OS releases it if the holder dies, so a crashed server never blocks the others.
/// </summary>
internal static class AuditFileLock
{
    public static async Task<T> WithLockAsync<T>(string path, Func<T> action)
    {
        var lockPath = path + ".lock";
        for (var attempt = 0; ; attempt++)
        {
            FileStream? held = null;
            try
            {
                held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (attempt < 10_000)
            {
                await Task.Delay(Math.Min(1 + attempt, 20)).ConfigureAwait(false);
                continue;
            }

            using (held)
            {
                return action();
            }
        }
    }
}
