// A minimal Fedify server for Solidarity's interop harness (see ../README.md).
//
// One actor, `tester` (a Person with an RSA and an Ed25519 key), everything in memory. Fedify's
// own HTTP signature verification stays ON: an inbox listener below only fires for an activity
// whose signature Fedify verified against the sender's key, which it fetched itself.
//
// Besides what Fedify serves (actor, WebFinger, inbox, followers), a few `/_test/*` endpoints let
// the driver script (`run`) make this actor act, and read back what arrived and what was sent:
//
//   GET  /_test/lookup?url=U        lookupObject(U): type, id and public key of the result
//   POST /_test/follow?url=U        sends Follow to the actor at U (&signed=1: looked up with
//                                   signed GETs)
//   POST /_test/note                sends a public Create{Note} to tester's followers
//   GET  /_test/fetch?url=U&signed= loads U with the plain or the authenticated document loader
//   GET  /_test/inbox               activities the inbox listeners accepted, in order
//   GET  /_test/http                every HTTP exchange: outgoing fetches and incoming requests,
//                                   with the signature scheme used and the status answered
//
// Usage: node server.mjs PORT [FIRST_KNOCK]
//   Listens on 127.0.0.1:PORT as http://localhost:PORT. FIRST_KNOCK is the HTTP signature scheme
//   Fedify tries first with a server it has not talked to: "rfc9421" (Fedify's default) or
//   "draft-cavage-http-signatures-12".

import {
  Accept,
  Create,
  Endpoints,
  Follow,
  MemoryKvStore,
  Note,
  Object as APObject,
  Person,
  PUBLIC_COLLECTION,
  Undo,
  createFederation,
  generateCryptoKeyPair,
  isActor,
} from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { configure, getStreamSink } from "@logtape/logtape";
import { AsyncLocalStorage } from "node:async_hooks";
import { createServer } from "node:http";
import { Readable, Writable } from "node:stream";

const port = Number(process.argv[2]);
const firstKnock = process.argv[3] ?? "rfc9421";
if (
  !Number.isInteger(port) ||
  port <= 0 ||
  !["rfc9421", "draft-cavage-http-signatures-12"].includes(firstKnock)
) {
  console.error("usage: node server.mjs PORT [rfc9421|draft-cavage-http-signatures-12]");
  process.exit(2);
}
const origin = `http://localhost:${port}`;
const IDENTIFIER = "tester";

// Fedify's signature and inbox logs on stderr, so the driver can show them when a check fails.
await configure({
  sinks: { stderr: getStreamSink(Writable.toWeb(process.stderr)) },
  loggers: [
    { category: ["fedify", "sig"], lowestLevel: "debug", sinks: ["stderr"] },
    { category: "fedify", lowestLevel: "info", sinks: ["stderr"] },
    { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["stderr"] },
  ],
  contextLocalStorage: new AsyncLocalStorage(),
});

// ---- What happened, for the driver ----------------------------------------------------------

/** Activities the inbox listeners accepted (so: signature verified by Fedify). */
const inbox = [];
/** HTTP exchanges: `{direction, method, url, scheme, status}`. */
const http = [];

/** Which HTTP signature scheme a request carries. */
function schemeOf(headers) {
  if (headers.get("signature-input")) return "rfc9421";
  if (headers.get("signature")) return "draft-cavage";
  return "unsigned";
}

// Fedify sends with the global `fetch` (double-knocking included), so wrapping it shows each
// attempt: which scheme it was signed with and what the other side answered.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const entry = {
    direction: "out",
    method: request.method,
    url: request.url,
    scheme: schemeOf(request.headers),
    status: null,
  };
  http.push(entry);
  try {
    const response = await realFetch(request);
    entry.status = response.status;
    return response;
  } catch (error) {
    entry.status = `error: ${error.message}`;
    throw error;
  }
};

// ---- The federation ----------------------------------------------------------------------------

const federation = createFederation({
  kv: new MemoryKvStore(),
  origin,
  // Solidarity listens on 127.0.0.1; Fedify refuses private addresses unless told otherwise.
  // This relaxes only where Fedify may connect, not how it checks what it receives.
  allowPrivateAddress: true,
  firstKnock,
  // No queue: sendActivity delivers before it returns, so the driver sees failures at once.
});

const keys = [
  await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"),
  await generateCryptoKeyPair("Ed25519"),
];

/** Followers of tester, by actor id, as the actor objects Fedify resolved. */
const followers = new Map();

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== IDENTIFIER) return null;
    const actorKeys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify Tester",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      followers: ctx.getFollowersUri(identifier),
      url: ctx.getActorUri(identifier),
      publicKey: actorKeys[0].cryptographicKey,
      assertionMethods: actorKeys.map((key) => key.multikey),
    });
  })
  // WebFinger: acct:tester@localhost:PORT names the actor with identifier "tester".
  .mapHandle((_ctx, username) => (username === IDENTIFIER ? IDENTIFIER : null))
  .setKeyPairsDispatcher((_ctx, identifier) => (identifier === IDENTIFIER ? keys : []));

federation.setFollowersDispatcher("/users/{identifier}/followers", (_ctx, identifier) => {
  if (identifier !== IDENTIFIER) return null;
  return { items: [...followers.values()] };
});

/**
 * The incoming request being handled. Without a queue, Fedify runs inbox listeners inside the
 * request, so a listener can tell which signature scheme carried its activity.
 */
const incoming = new AsyncLocalStorage();

/** Records an accepted activity with the scheme of the request that carried it. */
function record(activity, extra = {}) {
  inbox.push({
    type: activity.constructor.name,
    id: activity.id?.href ?? null,
    actor: activity.actorId?.href ?? null,
    object: activity.objectId?.href ?? null,
    scheme: incoming.getStore()?.scheme ?? null,
    ...extra,
  });
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  // An activity is handled once per inbox it reaches (Fedify 2's default; 1.x warns without it).
  .withIdempotency("per-inbox")
  .on(Follow, async (ctx, follow) => {
    record(follow);
    if (follow.objectId?.href !== ctx.getActorUri(IDENTIFIER).href) return;
    const follower = await follow.getActor();
    if (!isActor(follower)) return;
    followers.set(follower.id.href, follower);
    await ctx.sendActivity(
      { identifier: IDENTIFIER },
      follower,
      new Accept({
        id: new URL(`#accepts/${crypto.randomUUID()}`, ctx.getActorUri(IDENTIFIER)),
        actor: ctx.getActorUri(IDENTIFIER),
        object: follow,
      }),
    );
  })
  .on(Accept, async (_ctx, accept) => {
    // `object` is the Follow tester sent (embedded or by id); recorded as its id.
    record(accept);
  })
  .on(Create, async (_ctx, create) => {
    const object = await create.getObject();
    record(create, {
      objectType: object?.constructor.name ?? null,
      attributedTo: object?.attributionId?.href ?? null,
      to: object?.toIds.map((id) => id.href) ?? [],
      content: object?.content?.toString() ?? null,
    });
  })
  .on(Undo, async (_ctx, undo) => {
    record(undo);
  })
  .onError((_ctx, error) => {
    console.error("inbox listener error:", error);
  });

// ---- Test controls ---------------------------------------------------------------------------

const json = (body, status = 200) =>
  new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { "content-type": "application/json" },
  });

async function control(request, ctx) {
  const url = new URL(request.url);
  const target = url.searchParams.get("url");
  switch (`${request.method} ${url.pathname}`) {
    case "GET /_test/inbox":
      return json(inbox);
    case "GET /_test/http":
      return json(http);
    case "GET /_test/lookup": {
      // Unauthenticated, as Fedify looks up a handle or URL a user typed.
      const object = await ctx.lookupObject(target);
      if (object == null) return json({ error: `lookupObject(${target}) returned null` }, 502);
      const key = isActor(object) ? await object.getPublicKey() : null;
      return json({
        type: object.constructor.name,
        id: object.id?.href ?? null,
        preferredUsername: object.preferredUsername?.toString() ?? null,
        inbox: object.inboxId?.href ?? null,
        sharedInbox: object.endpoints?.sharedInbox?.href ?? null,
        followers: object.followersId?.href ?? null,
        outbox: object.outboxId?.href ?? null,
        publicKey: key && {
          id: key.id?.href ?? null,
          owner: key.ownerId?.href ?? null,
          algorithm: key.publicKey?.algorithm?.name ?? null,
        },
      });
    }
    case "POST /_test/follow": {
      // signed=1: look the actor up with tester's signed GETs, for servers that require them.
      const actor = await ctx.lookupObject(
        target,
        url.searchParams.get("signed") === "1"
          ? { documentLoader: await ctx.getDocumentLoader({ identifier: IDENTIFIER }) }
          : {},
      );
      if (!isActor(actor)) return json({ error: `${target} is not an actor` }, 502);
      const follow = new Follow({
        id: new URL(`#follows/${crypto.randomUUID()}`, ctx.getActorUri(IDENTIFIER)),
        actor: ctx.getActorUri(IDENTIFIER),
        object: actor.id,
      });
      await ctx.sendActivity({ identifier: IDENTIFIER }, actor, follow);
      return json({ id: follow.id.href });
    }
    case "POST /_test/note": {
      const noteId = new URL(`/notes/${crypto.randomUUID()}`, origin);
      const text = url.searchParams.get("content") ?? "Hello from Fedify";
      const note = new Note({
        id: noteId,
        attribution: ctx.getActorUri(IDENTIFIER),
        to: PUBLIC_COLLECTION,
        cc: ctx.getFollowersUri(IDENTIFIER),
        content: `<p>${text}</p>`,
        published: Temporal.Now.instant(),
      });
      const create = new Create({
        id: new URL(`${noteId.href}#create`),
        actor: ctx.getActorUri(IDENTIFIER),
        to: PUBLIC_COLLECTION,
        cc: ctx.getFollowersUri(IDENTIFIER),
        object: note,
      });
      await ctx.sendActivity({ identifier: IDENTIFIER }, [...followers.values()], create, {
        preferSharedInbox: true,
      });
      return json({ id: noteId.href, recipients: [...followers.keys()] });
    }
    case "GET /_test/fetch": {
      const loader =
        url.searchParams.get("signed") === "1"
          ? await ctx.getDocumentLoader({ identifier: IDENTIFIER })
          : ctx.documentLoader;
      try {
        const { document } = await loader(target);
        // Parsed as Fedify would use it (JSON-LD expanded through its @context).
        const parsed = await APObject.fromJsonLd(document, {
          documentLoader: loader,
          contextLoader: ctx.contextLoader,
        });
        return json({ ok: true, document, parsedType: parsed.constructor.name });
      } catch (error) {
        return json({ ok: false, error: String(error?.message ?? error) });
      }
    }
    default:
      return json({ error: "no such test endpoint" }, 404);
  }
}

// ---- Node HTTP <-> Fetch API -------------------------------------------------------------------

async function activityIdOf(request) {
  try {
    return (await request.json()).id ?? null;
  } catch {
    return null;
  }
}

createServer(async (req, res) => {
  // The URL as the client addressed it (its Host header), which is what signatures cover.
  const url = new URL(req.url, `http://${req.headers.host}`);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([name, value]) =>
      Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]],
    ),
    body: hasBody ? Readable.toWeb(req) : undefined,
    duplex: hasBody ? "half" : undefined,
  });
  let response;
  try {
    if (url.pathname.startsWith("/_test/")) {
      response = await control(request, federation.createContext(request));
    } else {
      const entry = {
        direction: "in",
        method: req.method,
        url: url.href,
        scheme: schemeOf(request.headers),
        userAgent: req.headers["user-agent"] ?? null,
        // For POSTs, the activity's id, so the driver can count deliveries of one activity
        // (Fedify's idempotence hides repeats from the listeners).
        activity: hasBody ? await activityIdOf(request.clone()) : null,
        status: null,
      };
      http.push(entry);
      response = await incoming.run(entry, () =>
        federation.fetch(request, { contextData: undefined }),
      );
      entry.status = response.status;
    }
  } catch (error) {
    console.error(`${req.method} ${req.url} failed:`, error);
    response = json({ error: String(error?.message ?? error) }, 500);
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}).listen(port, "127.0.0.1", () =>
  console.error(`fedify tester listening on ${origin}, first knock ${firstKnock}`),
);
