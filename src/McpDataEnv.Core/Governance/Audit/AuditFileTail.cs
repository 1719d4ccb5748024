namespace McpDataEnv.Core.Governance.Audit;

/// <summary>Reads the last entry of an audit file from its end, so appends stay cheap as the file grows.</summary>
internal static class AuditFileTail
{
    public static (long Seq, string Hash) LastLink(FileStream file)
    {
        var length = file.Length;
        if (length == 0)
        {
            return (0, AuditChain.Genesis);
        }

        var chunk = 4096;
        while (true)
        {
            var start = Math.Max(0, length - chunk);
            var bytes = new byte[length - start];
            file.Seek(start, SeekOrigin.Begin);
            file.ReadExactly(bytes);
            var text = System.Text.Encoding.UTF8.GetString(bytes).TrimEnd('\n');
            var newline = text.LastIndexOf('\n');
            if (newline >= 0 || start == 0)
            {
                var last = AuditChain.Parse(text[(newline + 1)..])
                    ?? throw new InvalidOperationException("The last line of the audit file is not a valid entry; run `mcpdataenv audit verify`.");
                return (last.Seq, last.Hash);
            }

            chunk *= 4;
        }
    }
}
