using Jint.Native;
using Jint.Native.Object;

namespace McpDataEnv.ScriptHost;

/// <summary>
/// Walks a script value without recursion to refuse graphs nested deeper than a limit (or cyclic)
/// before Jint's recursive <c>JSON.stringify</c> would exhaust the stack.
/// </summary>
internal static class ValueDepth
{
    public static bool IsWithin(JsValue value, int maxDepth)
    {
        if (!value.IsObject()) return true;
        var pending = new Stack<(ObjectInstance Obj, int Depth)>();
        pending.Push((value.AsObject(), 1));
        while (pending.Count > 0)
        {
            var (obj, depth) = pending.Pop();
            if (depth > maxDepth) return false;
            foreach (var property in obj.GetOwnProperties())
            {
                var descriptor = property.Value;
                if (descriptor.Enumerable != true || !descriptor.IsDataDescriptor()) continue;
                var child = descriptor.Value;
                if (child is not null && child.IsObject() && child.AsObject().Class != "Function") pending.Push((child.AsObject(), depth + 1));
            }
        }
        return true;
    }
}
