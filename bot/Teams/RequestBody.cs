namespace TeamsSafeguarding.Teams;

/// <summary>Reads a request body up to a limit, so an oversized body is refused without buffering it all.</summary>
internal static class RequestBody
{
    /// <returns>The bytes, or null when the body is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return null;
        if (request.ContentLength is { } length) return await ReadExactlyAsync(request.Body, (int)length, ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>A body of known length (what Teams sends) is read into one array of that size; a longer one is refused.</summary>
    private static async Task<byte[]?> ReadExactlyAsync(Stream body, int length, CancellationToken ct)
    {
        var bytes = new byte[length];
        var at = 0;
        int read;
        while (at < length && (read = await body.ReadAsync(bytes.AsMemory(at), ct)) > 0) at += read;
        if (at < length) return bytes[..at];
        // Kestrel ends the body at its Content-Length; a byte more would be a body larger than it says.
        return await body.ReadAsync(new byte[1], ct) == 0 ? bytes : null;
    }
}
