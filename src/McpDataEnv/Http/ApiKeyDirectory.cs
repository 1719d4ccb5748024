using System.Security.Cryptography;
using System.Text;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Http;

/// <summary>
/// The API keys of an environment's principals, held only as SHA-256 hashes. A presented key is hashed and
/// compared with every entry in constant time, so neither timing nor logs reveal a key.
/// </summary>
public sealed class ApiKeyDirectory
{
    private readonly IReadOnlyList<(byte[] Hash, PrincipalSettings Principal)> _entries;

    private ApiKeyDirectory(IReadOnlyList<(byte[], PrincipalSettings)> entries) => _entries = entries;

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Resolves <c>key_env</c> references; an unset variable is a start-up error naming file and key.</summary>
    public static ApiKeyDirectory From(IReadOnlyList<PrincipalSettings> principals, Func<string, string?>? variables = null)
    {
        var lookup = variables ?? Environment.GetEnvironmentVariable;
        var entries = new List<(byte[], PrincipalSettings)>();
        foreach (var principal in principals)
        {
            byte[] hash;
            if (principal.KeySha256 is { } hex)
            {
                hash = Convert.FromHexString(hex);
            }
            else
            {
                var key = lookup(principal.KeyEnv!);
                if (string.IsNullOrEmpty(key))
                {
                    throw new DataEnvException(ErrorCodes.InvalidArgument,
                        $"environment.yaml: principals.{principal.Name}.key_env: environment variable {principal.KeyEnv} is not set; set it to the principal's API key before serving over HTTP.");
                }

                hash = Hash(key);
            }

            entries.Add((hash, principal));
        }

        return new ApiKeyDirectory(entries);
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The principal whose key this is, or null. Examines every entry so the time taken does not depend on which matched.</summary>
    public PrincipalSettings? Find(string presentedKey)
    {
        var presented = Hash(presentedKey);
        PrincipalSettings? match = null;
        foreach (var (hash, principal) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                match ??= principal;
            }
        }

        return match;
    }
}
