using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Extensions;
using ProadSync.FakeGraph.Store;

namespace ProadSync.FakeGraph;

/// <summary>The routes of the fake: the token endpoint and the Graph v1.0 subset ProadSync uses.</summary>
internal static partial class GraphApi
{
    private const string JsonContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

    public static void Map(WebApplication app, FakeGraphState state)
    {
        app.Use((ctx, next) => GuardAsync(ctx, next, state));
        app.MapPost("/{tenant}/oauth2/v2.0/token", (HttpContext ctx, string tenant) => TokenAsync(ctx, tenant, state));

        var user = app.MapGroup("/v1.0/users/{user}");
        user.MapGet("/", (HttpContext ctx, string user) => WithMailbox(ctx, state, user, (mb, c) => Json(c, 200, new JsonObject
        {
            ["id"] = mb.Id,
            ["userPrincipalName"] = mb.UserPrincipalName,
            ["mail"] = mb.UserPrincipalName,
            ["displayName"] = mb.UserPrincipalName.Split('@')[0],
        })));
        user.MapGet("/calendar", (HttpContext ctx, string user) => WithMailbox(ctx, state, user, (mb, c) => Json(c, 200, new JsonObject
        {
            ["id"] = "cal-" + mb.Id,
            ["name"] = "Calendar",
            ["canEdit"] = true,
            ["isDefaultCalendar"] = true,
            ["owner"] = new JsonObject { ["name"] = mb.UserPrincipalName, ["address"] = mb.UserPrincipalName },
        })));

        foreach (var events in new[] { "/events", "/calendar/events" })
        {
            MapCollection(user, events, state, FakeCollection.Events, (mb, _) => mb.Events);
        }

        foreach (var delta in new[] { "delta", "delta()" })
        {
            // The SDK calls the function as delta(); Graph accepts both spellings.
            user.MapGet("/calendarView/" + delta, (HttpContext ctx, string user) => DeltaAsync(ctx, state, user, FakeCollection.Events, (mb, _) => mb.Events));
            user.MapGet("/todo/lists/{list}/tasks/" + delta, (HttpContext ctx, string user) => DeltaAsync(ctx, state, user, FakeCollection.Tasks, TaskStore));
            user.MapGet("/contacts/" + delta, (HttpContext ctx, string user) => DeltaAsync(ctx, state, user, FakeCollection.Contacts, (mb, _) => mb.Contacts));
        }

        user.MapGet("/todo/lists", (HttpContext ctx, string user) => WithMailbox(ctx, state, user, (mb, c) =>
            Json(c, 200, new JsonObject { ["value"] = new JsonArray([.. mb.TaskLists.Select(RenderList)]) })));
        user.MapGet("/todo/lists/{list}", (HttpContext ctx, string user, string list) => WithMailbox(ctx, state, user, (mb, c) =>
            mb.TaskLists.Find(l => l.Id == list) is { } found
                ? Json(c, 200, RenderList(found))
                : Error(c, 404, "ErrorItemNotFound", "The specified object was not found in the store.")));
        MapCollection(user, "/todo/lists/{list}/tasks", state, FakeCollection.Tasks, TaskStore);

        MapCollection(user, "/contacts", state, FakeCollection.Contacts, (mb, _) => mb.Contacts);
        user.MapGet("/contactFolders", (HttpContext ctx, string user) => WithMailbox(ctx, state, user, (_, c) =>
            Json(c, 200, new JsonObject { ["value"] = new JsonArray() })));
    }

    private static ItemStore? TaskStore(Mailbox mailbox, HttpContext ctx) =>
        mailbox.TaskLists.Find(l => l.Id == (string?)ctx.GetRouteValue("list"))?.Tasks;

    private static JsonNode RenderList(TaskList list)
    {
        var json = (JsonObject)list.Info.DeepClone();
        json["id"] = list.Id;
        json["@odata.etag"] = "W/\"" + list.Id[..8] + "\"";
        return json;
    }

    private static void MapCollection(
        RouteGroupBuilder user, string path, FakeGraphState state, FakeCollection kind, Func<Mailbox, HttpContext, ItemStore?> storeOf)
    {
        user.MapGet(path, (HttpContext ctx, string user) => ListAsync(ctx, state, user, storeOf));
        user.MapPost(path, (HttpContext ctx, string user) => CreateAsync(ctx, state, user, kind, storeOf));
        user.MapGet(path + "/{id}", (HttpContext ctx, string user, string id) => WithItem(ctx, state, user, id, storeOf, (_, item, c) =>
            Json(c, 200, FakeGraphState.Render(item, RenderOptionsOf(c)))));
        user.MapMethods(path + "/{id}", ["PATCH"], (HttpContext ctx, string user, string id) => UpdateAsync(ctx, state, user, id, kind, storeOf));
        user.MapDelete(path + "/{id}", (HttpContext ctx, string user, string id) => WithItem(ctx, state, user, id, storeOf, (store, item, c) =>
        {
            if (StaleIfMatch(c, item))
            {
                return PreconditionFailed(c);
            }

            state.CountMeetingMessage(item);
            store.Remove(item);
            c.Response.StatusCode = 204;
            return Task.CompletedTask;
        }));
    }

    private static async Task GuardAsync(HttpContext ctx, Func<Task> next, FakeGraphState state)
    {
        var path = ctx.Request.Path.Value ?? string.Empty;
        var method = ctx.Request.Method;
        FakeFault? fault;
        lock (state.Sync)
        {
            fault = state.MatchFault(method, path);
        }

        try
        {
            if (fault is { AfterProcessing: false })
            {
                await WriteFaultAsync(ctx, fault);
                return;
            }

            if (path.StartsWith("/v1.0", StringComparison.OrdinalIgnoreCase) && !Authorised(ctx, state))
            {
                ctx.Response.Headers.WWWAuthenticate = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\"";
                await Error(ctx, 401, "InvalidAuthenticationToken", "Access token is empty or not valid.");
                return;
            }

            if (fault is { AfterProcessing: true })
            {
                var original = ctx.Response.Body;
                using (var discarded = new MemoryStream())
                {
                    ctx.Response.Body = discarded;
                    await next();
                    ctx.Response.Body = original;
                }

                ctx.Response.Clear();
                await WriteFaultAsync(ctx, fault);
                return;
            }

            await next();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or NullReferenceException)
        {
            // A bug or an unexpected request shape: answer like Graph's generalException, naming the cause for the test log.
            if (!ctx.Response.HasStarted)
            {
                ctx.Response.Clear();
                await Error(ctx, 500, "generalException", $"FakeGraph failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
        finally
        {
            lock (state.Sync)
            {
                state.Record(new RecordedRequest(
                    method,
                    ctx.Request.GetEncodedPathAndQuery(),
                    ctx.Request.Headers["Prefer"].Count == 0 ? null : string.Join(", ", ctx.Request.Headers["Prefer"].ToArray()),
                    ctx.Request.Headers.IfMatch.Count == 0 ? null : ctx.Request.Headers.IfMatch.ToString(),
                    ctx.Response.StatusCode));
            }
        }
    }

    private static bool Authorised(HttpContext ctx, FakeGraphState state)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        lock (state.Sync)
        {
            return state.IsValidToken(header["Bearer ".Length..].Trim());
        }
    }

    private static Task WriteFaultAsync(HttpContext ctx, FakeFault fault)
    {
        if (fault.RetryAfter is { } wait)
        {
            ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return Error(ctx, fault.StatusCode, fault.Code, fault.Message);
    }

    private static async Task TokenAsync(HttpContext ctx, string tenant, FakeGraphState state)
    {
        if (!ctx.Request.HasFormContentType)
        {
            await TokenError(ctx, 400, "invalid_request", "AADSTS900144: The request body must contain the following parameter: 'grant_type'.");
            return;
        }

        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var options = state.Options;
        if (!string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            await TokenError(ctx, 400, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found.");
            return;
        }

        if (form["grant_type"] != "client_credentials")
        {
            await TokenError(ctx, 400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
            return;
        }

        if (form["client_id"] != options.ClientId)
        {
            await TokenError(ctx, 400, "unauthorized_client", $"AADSTS700016: Application with identifier '{form["client_id"]}' was not found in the directory.");
            return;
        }

        if (form["client_secret"] != options.ClientSecret)
        {
            await TokenError(ctx, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            return;
        }

        string token;
        lock (state.Sync)
        {
            token = state.IssueToken();
        }

        var lifetime = (int)options.TokenLifetime.TotalSeconds;
        await Json(ctx, 200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = lifetime,
            ["ext_expires_in"] = lifetime,
            ["access_token"] = token,
        }, "application/json; charset=utf-8");
    }

    private static Task TokenError(HttpContext ctx, int status, string error, string description) => Json(ctx, status, new JsonObject
    {
        ["error"] = error,
        ["error_description"] = description,
        ["error_codes"] = new JsonArray(),
        ["trace_id"] = Guid.NewGuid().ToString(),
    }, "application/json; charset=utf-8");

    private static Task WithMailbox(HttpContext ctx, FakeGraphState state, string user, Func<Mailbox, HttpContext, Task> action)
    {
        Task result;
        lock (state.Sync)
        {
            var mailbox = state.FindMailbox(user);
            result = mailbox is null
                ? Error(ctx, 404, "ErrorInvalidUser", $"The requested user '{user}' is invalid.")
                : action(mailbox, ctx);
        }

        return result;
    }

    private static Task WithItem(
        HttpContext ctx, FakeGraphState state, string user, string id, Func<Mailbox, HttpContext, ItemStore?> storeOf, Func<ItemStore, StoredItem, HttpContext, Task> action) =>
        WithMailbox(ctx, state, user, (mb, c) =>
        {
            var store = storeOf(mb, c);
            if (store is null)
            {
                return Error(c, 404, "ErrorItemNotFound", "The specified folder was not found in the store.");
            }

            var item = store.Find(id);
            return item is null
                ? Error(c, 404, "ErrorItemNotFound", "The specified object was not found in the store.")
                : action(store, item, c);
        });

    private static Task ListAsync(HttpContext ctx, FakeGraphState state, string user, Func<Mailbox, HttpContext, ItemStore?> storeOf) =>
        WithMailbox(ctx, state, user, (mb, c) =>
        {
            var store = storeOf(mb, c);
            if (store is null)
            {
                return Error(c, 404, "ErrorItemNotFound", "The specified folder was not found in the store.");
            }

            IEnumerable<StoredItem> items = store.Items;
            var filter = c.Request.Query["$filter"].ToString();
            if (filter.Length > 0)
            {
                var match = ExtendedPropertyFilter().Match(filter);
                if (!match.Success)
                {
                    return Error(c, 400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");
                }

                var id = Unquote(match.Groups["id"].Value);
                var value = Unquote(match.Groups["value"].Value);
                items = items.Where(i => i.Data["singleValueExtendedProperties"] is JsonArray props && props.OfType<JsonObject>().Any(p =>
                    string.Equals(p["id"]?.GetValue<string>(), id, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(p["value"]?.GetValue<string>(), value, StringComparison.Ordinal)));
            }

            var top = int.TryParse(c.Request.Query["$top"], CultureInfo.InvariantCulture, out var t) ? Math.Clamp(t, 1, 1000) : 10;
            var skip = int.TryParse(c.Request.Query["$skip"], CultureInfo.InvariantCulture, out var s) ? Math.Max(0, s) : 0;
            var all = items.ToList();
            var options = RenderOptionsOf(c);
            var page = new JsonArray([.. all.Skip(skip).Take(top).Select(i => FakeGraphState.Render(i, options))]);
            var body = new JsonObject { ["value"] = page };
            if (skip + top < all.Count)
            {
                var query = QueryString.Create(c.Request.Query
                    .Where(q => q.Key != "$skip")
                    .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                    .Append(new KeyValuePair<string, string?>("$skip", (skip + top).ToString(CultureInfo.InvariantCulture))));
                body["@odata.nextLink"] = BaseUrl(c) + query.ToUriComponent();
            }

            return Json(c, 200, body);
        });

    private static async Task CreateAsync(HttpContext ctx, FakeGraphState state, string user, FakeCollection kind, Func<Mailbox, HttpContext, ItemStore?> storeOf)
    {
        var body = await ReadBodyAsync(ctx);
        if (body is null)
        {
            await Error(ctx, 400, "RequestBodyRead", "The request body is not a JSON object.");
            return;
        }

        await WithMailbox(ctx, state, user, (mb, c) =>
        {
            var store = storeOf(mb, c);
            if (store is null)
            {
                return Error(c, 404, "ErrorItemNotFound", "The specified folder was not found in the store.");
            }

            var transactionId = kind == FakeCollection.Events ? body["transactionId"]?.GetValue<string>() : null;
            if (transactionId is not null && store.Items.FirstOrDefault(i => i.TransactionId == transactionId) is { } existing)
            {
                return Created(c, existing);
            }

            var data = Clean(body);
            var now = state.TimeProvider.GetUtcNow().UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
            data["createdDateTime"] = now;
            data["lastModifiedDateTime"] = now;
            switch (kind)
            {
                case FakeCollection.Events:
                    data["transactionId"] = transactionId;
                    Default(data, "type", "singleInstance");
                    Default(data, "isAllDay", false);
                    Default(data, "sensitivity", "normal");
                    Default(data, "showAs", "busy");
                    Default(data, "importance", "normal");
                    Default(data, "isReminderOn", true);
                    Default(data, "reminderMinutesBeforeStart", 15);
                    Default(data, "subject", string.Empty);
                    Default(data, "seriesMasterId", null);
                    data["iCalUId"] = "040000008200E00074C5B7101A82E008" + Convert.ToHexString(Guid.NewGuid().ToByteArray());
                    break;
                case FakeCollection.Tasks:
                    if (string.IsNullOrEmpty(data["title"]?.GetValue<string>()))
                    {
                        return Error(c, 400, "invalidRequest", "Invalid request: the title is required.");
                    }

                    Default(data, "status", "notStarted");
                    Default(data, "importance", "normal");
                    Default(data, "isReminderOn", false);
                    Default(data, "body", new JsonObject { ["content"] = string.Empty, ["contentType"] = "text" });
                    if (data["linkedResources"] is JsonArray links)
                    {
                        foreach (var link in links.OfType<JsonObject>())
                        {
                            link["id"] = Guid.NewGuid().ToString();
                        }
                    }

                    break;
                default:
                    break;
            }

            var item = store.Add(data, transactionId);
            if (kind == FakeCollection.Events && EventTimes.Apply(item) is { } error)
            {
                store.Discard(item);
                return Error(c, 400, "ErrorInvalidRequest", error);
            }

            return Created(c, item);
        });
    }

    private static Task Created(HttpContext ctx, StoredItem item)
    {
        var json = FakeGraphState.Render(item, RenderOptionsOf(ctx) with { ExpandExtendedProperties = false, ExpandLinkedResources = true });
        ctx.Response.Headers.Location = BaseUrl(ctx) + "/" + json["id"]!.GetValue<string>();
        return Json(ctx, 201, json);
    }

    private static async Task UpdateAsync(HttpContext ctx, FakeGraphState state, string user, string id, FakeCollection kind, Func<Mailbox, HttpContext, ItemStore?> storeOf)
    {
        var body = await ReadBodyAsync(ctx);
        if (body is null)
        {
            await Error(ctx, 400, "RequestBodyRead", "The request body is not a JSON object.");
            return;
        }

        await WithItem(ctx, state, user, id, storeOf, (store, item, c) =>
        {
            if (StaleIfMatch(c, item))
            {
                return PreconditionFailed(c);
            }

            var before = (JsonObject)item.Data.DeepClone();
            foreach (var (key, value) in Clean(body).ToList())
            {
                if (key == "singleValueExtendedProperties" && value is JsonArray incoming)
                {
                    var props = item.Data["singleValueExtendedProperties"] as JsonArray ?? [];
                    item.Data["singleValueExtendedProperties"] = props;
                    foreach (var prop in incoming.OfType<JsonObject>())
                    {
                        var propId = prop["id"]?.GetValue<string>();
                        var old = props.OfType<JsonObject>().FirstOrDefault(p => string.Equals(p["id"]?.GetValue<string>(), propId, StringComparison.OrdinalIgnoreCase));
                        if (old is not null)
                        {
                            props.Remove(old);
                        }

                        props.Add(prop.DeepClone());
                    }
                }
                else if (key != "transactionId" && key != "linkedResources")
                {
                    item.Data[key] = value?.DeepClone();
                }
            }

            if (kind == FakeCollection.Events && EventTimes.Apply(item) is { } error)
            {
                item.Data = before;
                return Error(c, 400, "ErrorInvalidRequest", error);
            }

            state.CountMeetingMessage(item);
            item.Data["lastModifiedDateTime"] = state.TimeProvider.GetUtcNow().UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
            store.Touch(item);
            return Json(c, 200, FakeGraphState.Render(item, RenderOptionsOf(c) with { ExpandExtendedProperties = false }));
        });
    }

    private static Task DeltaAsync(HttpContext ctx, FakeGraphState state, string user, FakeCollection kind, Func<Mailbox, HttpContext, ItemStore?> storeOf) =>
        WithMailbox(ctx, state, user, (mb, c) =>
        {
            var store = storeOf(mb, c);
            if (store is null)
            {
                return Error(c, 404, "ErrorItemNotFound", "The specified folder was not found in the store.");
            }

            var query = c.Request.Query;
            var immutable = PrefersImmutableIds(c);
            DeltaRound? round;
            Queue<JsonObject> pending;
            if (query.TryGetValue("$skiptoken", out var skip))
            {
                round = state.TakeDelta(skip.ToString(), remove: true);
                if (round is null || round.Store != store)
                {
                    return SyncStateNotFound(c);
                }

                pending = round.Pending!;
            }
            else if (query.TryGetValue("$deltatoken", out var delta))
            {
                round = state.TakeDelta(delta.ToString(), remove: false);
                if (round is null || round.Store != store)
                {
                    return SyncStateNotFound(c);
                }

                pending = Changes(store, round.Seq, round.WindowStart, round.WindowEnd, immutable, kind);
                round = round with { Seq = mb.CurrentSeq };
            }
            else
            {
                DateTimeOffset? start = null, end = null;
                if (kind == FakeCollection.Events)
                {
                    if (query.Keys.Any(k => k is "$select" or "$filter" or "$expand" or "$orderby" or "$search"))
                    {
                        return Error(c, 400, "ErrorInvalidUrlQuery", "The calendarView delta function does not support $select, $filter, $expand, $orderby or $search.");
                    }

                    if (!DateTimeOffset.TryParse(query["startDateTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s)
                        || !DateTimeOffset.TryParse(query["endDateTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e))
                    {
                        return Error(c, 400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
                    }

                    (start, end) = (s, e);
                }

                pending = Changes(store, 0, start, end, immutable, kind);
                round = new DeltaRound(mb, store, BaseUrl(c), start, end, mb.CurrentSeq, null);
            }

            var pageSize = MaxPageSize(c) ?? state.Options.DefaultPageSize;
            var page = new JsonArray();
            while (page.Count < pageSize && pending.Count > 0)
            {
                page.Add(pending.Dequeue());
            }

            var body = new JsonObject { ["value"] = page };
            if (pending.Count > 0)
            {
                body["@odata.nextLink"] = round.BasePath + "?$skiptoken=" + state.SaveDelta(round with { Pending = pending });
            }
            else
            {
                body["@odata.deltaLink"] = round.BasePath + "?$deltatoken=" + state.SaveDelta(round with { Pending = null });
            }

            if (MaxPageSize(c) is { } applied)
            {
                c.Response.Headers["Preference-Applied"] = "odata.maxpagesize=" + applied.ToString(CultureInfo.InvariantCulture);
            }

            return Json(c, 200, body);
        });

    private static Queue<JsonObject> Changes(ItemStore store, long afterSeq, DateTimeOffset? start, DateTimeOffset? end, bool immutable, FakeCollection kind)
    {
        var result = new Queue<JsonObject>();
        var type = kind switch
        {
            FakeCollection.Events => "#microsoft.graph.event",
            FakeCollection.Tasks => "#microsoft.graph.todoTask",
            _ => "#microsoft.graph.contact",
        };
        var events = new List<(long Seq, JsonObject Entry)>();
        foreach (var item in store.Items.Where(i => i.Seq > afterSeq))
        {
            var inWindow = start is null || end is null || (item.StartUtc < end && (item.EndUtc > start || item.StartUtc >= start));
            if (inWindow)
            {
                events.Add((item.Seq, FakeGraphState.Render(item, new RenderOptions(immutable, null, false, false))));
            }
            else if (afterSeq > 0)
            {
                events.Add((item.Seq, Removed(type, immutable ? item.ImmutableId : item.RestId)));
            }
        }

        if (afterSeq > 0)
        {
            foreach (var gone in store.Tombstones.Where(t => t.Seq > afterSeq))
            {
                events.Add((gone.Seq, Removed(type, immutable ? gone.ImmutableId : gone.RestId)));
            }
        }

        foreach (var (_, entry) in events.OrderBy(e => e.Seq))
        {
            result.Enqueue(entry);
        }

        return result;
    }

    private static JsonObject Removed(string type, string id) => new()
    {
        ["@odata.type"] = type,
        ["id"] = id,
        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
    };

    private static Task SyncStateNotFound(HttpContext ctx)
    {
        ctx.Response.Headers.Location = BaseUrl(ctx);
        return Error(ctx, 410, "syncStateNotFound", "The sync state generation is not found or has expired. Please do a full sync.");
    }

    private static bool StaleIfMatch(HttpContext ctx, StoredItem item)
    {
        var ifMatch = ctx.Request.Headers.IfMatch.ToString();
        return ifMatch.Length > 0 && ifMatch != "*" && !string.Equals(ifMatch, item.ETag, StringComparison.Ordinal);
    }

    private static Task PreconditionFailed(HttpContext ctx) =>
        Error(ctx, 412, "ErrorIrresolvableConflict", "The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.");

    private static RenderOptions RenderOptionsOf(HttpContext ctx)
    {
        var expand = ctx.Request.Query["$expand"].ToString();
        var props = expand.Contains("singleValueExtendedProperties", StringComparison.OrdinalIgnoreCase);
        var filter = ExpandFilter().Match(expand);
        IReadOnlyList<string>? ids = filter.Success
            ? [.. ExpandFilterId().Matches(filter.Groups["f"].Value).Select(m => Unquote(m.Groups["id"].Value))]
            : null;
        return new RenderOptions(
            PrefersImmutableIds(ctx),
            ids,
            props,
            expand.Contains("linkedResources", StringComparison.OrdinalIgnoreCase));
    }

    private static bool PrefersImmutableIds(HttpContext ctx) =>
        ctx.Request.Headers["Prefer"].Any(p => p is not null && p.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Contains("IdType=\"ImmutableId\"", StringComparison.OrdinalIgnoreCase));

    private static int? MaxPageSize(HttpContext ctx)
    {
        foreach (var prefer in ctx.Request.Headers["Prefer"])
        {
            foreach (var part in (prefer ?? string.Empty).Split(','))
            {
                var pair = part.Trim().Split('=', 2);
                if (pair.Length == 2 && string.Equals(pair[0], "odata.maxpagesize", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(pair[1], CultureInfo.InvariantCulture, out var size) && size > 0)
                {
                    return size;
                }
            }
        }

        return null;
    }

    private static JsonObject Clean(JsonObject body)
    {
        var data = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (key is "id" or "changeKey" or "createdDateTime" or "lastModifiedDateTime" || key.StartsWith('@'))
            {
                continue;
            }

            data[key] = value?.DeepClone();
        }

        return data;
    }

    private static void Default(JsonObject data, string key, JsonNode? value)
    {
        if (!data.ContainsKey(key))
        {
            data[key] = value;
        }
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext ctx)
    {
        try
        {
            return await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string BaseUrl(HttpContext ctx) =>
        $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}{ctx.Request.Path}";

    private static string Unquote(string value) => value.Replace("''", "'", StringComparison.Ordinal);

    private static Task Error(HttpContext ctx, int status, string code, string message) => Json(ctx, status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("s", CultureInfo.InvariantCulture),
                ["request-id"] = ctx.TraceIdentifier,
                ["client-request-id"] = ctx.Request.Headers["client-request-id"].ToString(),
            },
        },
    });

    private static Task Json(HttpContext ctx, int status, JsonNode body, string contentType = JsonContentType)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        return ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted);
    }

    [GeneratedRegex(@"singleValueExtendedProperties/any\(\s*(?<v>\w+)\s*:\s*\k<v>/id\s+eq\s+'(?<id>(?:[^']|'')*)'\s+and\s+\k<v>/value\s+eq\s+'(?<value>(?:[^']|'')*)'\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex ExtendedPropertyFilter();

    [GeneratedRegex(@"singleValueExtendedProperties\(\s*\$filter\s*=(?<f>(?:[^')]|'(?:[^']|'')*')*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex ExpandFilter();

    [GeneratedRegex(@"id\s+eq\s+'(?<id>(?:[^']|'')*)'", RegexOptions.IgnoreCase)]
    private static partial Regex ExpandFilterId();
}
