using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace TeamsSafeguarding.Teams.Files;

/// <summary>Where Teams says the file may be uploaded once the person allowed it (fileConsent/invoke, value.uploadInfo).</summary>
public sealed record FileUploadInfo(string Name, Uri UploadUrl, string? ContentUrl, string? UniqueId, string? FileType);

/// <summary>The person's answer to a file consent card: accepted (with where to upload) or declined, and our context back.</summary>
public sealed record FileConsentAnswer(bool Accepted, JsonObject Context, FileUploadInfo? Upload)
{
    public const string InvokeName = "fileConsent/invoke";

    /// <summary>Reads the invoke's value; null when it is not a consent answer we can act on.</summary>
    public static FileConsentAnswer? Read(Activity activity)
    {
        if (activity.Value is not JsonObject value || value["context"] is not JsonObject context) return null;
        var action = value["action"] is JsonValue a && a.TryGetValue<string>(out var s) ? s : null;
        if (action == "decline") return new FileConsentAnswer(false, context, null);
        if (action != "accept" || value["uploadInfo"] is not JsonObject info) return null;
        string? Text(string key) => info[key] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
        if (!Uri.TryCreate(Text("uploadUrl"), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")) return null;
        return new FileConsentAnswer(true, context, new FileUploadInfo(Text("name") ?? "export.xlsx", url, Text("contentUrl"), Text("uniqueId"), Text("fileType")));
    }
}

/// <summary>
/// Sending a file to a person in their personal chat, the Teams way (teams-files.md, route A): a FileConsentCard asks
/// them; on "Allow" Teams sends fileConsent/invoke with a pre-authenticated upload URL in their OneDrive, the bytes are
/// PUT there (one request, no Authorization header), and a FileInfoCard points at the uploaded file. Personal chats only.
/// </summary>
public static class FileConsent
{
    public const string ConsentContentType = "application/vnd.microsoft.teams.card.file.consent";
    public const string InfoContentType = "application/vnd.microsoft.teams.card.file.info";

    /// <summary>The consent card: the file's name, what it is, its (estimated) size, and the context Teams gives back.</summary>
    public static Attachment ConsentCard(string fileName, string description, long sizeInBytes, JsonObject context) => new()
    {
        ContentType = ConsentContentType,
        Name = fileName,
        Content = new JsonObject
        {
            ["description"] = description,
            ["sizeInBytes"] = sizeInBytes,
            ["acceptContext"] = context.DeepClone(),
            ["declineContext"] = context.DeepClone(),
        },
    };

    /// <summary>The card pointing at the uploaded file (it opens in Teams from there).</summary>
    public static Attachment InfoCard(FileUploadInfo upload) => new()
    {
        ContentType = InfoContentType,
        ContentUrl = upload.ContentUrl,
        Name = upload.Name,
        Content = new JsonObject { ["uniqueId"] = upload.UniqueId, ["fileType"] = upload.FileType },
    };

    /// <summary>
    /// PUTs the whole file to the upload URL in one request (files here are well under the 60 MiB a single PUT may carry),
    /// with Content-Range as an upload session expects and no bearer token (the URL is pre-authenticated).
    /// </summary>
    /// <returns>The HTTP status; 200 or 201 means the file is there.</returns>
    public static async Task<int> UploadAsync(HttpClient http, FileUploadInfo upload, byte[] bytes, CancellationToken ct)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentLength = bytes.Length;
        content.Headers.ContentRange = new ContentRangeHeaderValue(0, Math.Max(0, bytes.Length - 1), bytes.Length);
        using var request = new HttpRequestMessage(HttpMethod.Put, upload.UploadUrl) { Content = content };
        using var response = await http.SendAsync(request, ct);
        return (int)response.StatusCode;
    }
}
