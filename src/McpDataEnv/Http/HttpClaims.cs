namespace McpDataEnv.Http;

/// <summary>Claim types the HTTP layer puts on an authenticated request.</summary>
public static class HttpClaims
{
    public const string AuthenticationType = "mcpdataenv-key";
    public const string Principal = "mcpdataenv/principal";
    public const string Role = "mcpdataenv/role";
    public const string AttributePrefix = "mcpdataenv/attr/";
}
