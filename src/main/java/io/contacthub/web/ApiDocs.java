package io.contacthub.web;

import io.contacthub.http.ApiProblem;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;

/**
 * The hub's HTTP API described as OpenAPI 3.1 (springdoc reads the controllers; this class adds what
 * it cannot see): which audience each call is for, how it is authenticated, what it answers,
 * and the Twilio forms the webhooks take.
 * <ul>
 *   <li><b>public</b>: {@code POST /api/messages}, anyone, no sign-in;</li>
 *   <li><b>staff</b>: the rest of {@code /api/**}, HTTP Basic with a staff account ({@code /api/admin/**}
 *       SUPERVISOR or ADMIN, {@code /api/admin/staff} ADMIN), exactly as {@link SecurityConfiguration} guards them;</li>
 *   <li><b>webhooks</b>: {@code /twilio/**}, called by Twilio and authenticated by its
 *       {@code X-Twilio-Signature}; they answer TwiML (or nothing), which is what Twilio reads; and
 *       {@code /webhooks/**}, the calls of channels an integrator added, each authenticated as its
 *       handler's own annotations say.</li>
 * </ul>
 * Served at {@code /v3/api-docs} (everything) and {@code /v3/api-docs/{public,staff,webhooks}}; the
 * console and portal pages are not part of it ({@code springdoc.paths-to-match}). Every described call
 * under /api and /twilio has an entry in {@link #OPERATIONS} (its id, summary and success status); a
 * channel's call under /webhooks describes itself with {@code @Operation(operationId, summary)} and its
 * {@code @ApiResponse}s, so adding a channel edits no file here. {@code OpenApiDescriptionTest} fails
 * for a call described neither way, and when {@code docs/openapi.json} no longer matches what is served.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String BASIC = "staffBasic";
    static final String TWILIO = "twilioSignature";
    static final String PROBLEM = "Problem";
    static final String VALIDATION_PROBLEM = "ValidationProblem";

    /** Who a call is for; also the tag and the group it is listed under. */
    enum Audience {
        PUBLIC("public", "For customers and the web form: no sign-in. Errors are RFC 9457 problem details."),
        STAFF("staff", "For staff tools and scripts: HTTP Basic with a staff account (roles AGENT, SUPERVISOR, ADMIN; "
                + "/api/admin/** SUPERVISOR or ADMIN, /api/admin/staff ADMIN; an account that must choose a new password is "
                + "answered 403 until it has, in the console). No session or cookie is created. Errors are RFC 9457 problem details."),
        WEBHOOKS("webhooks", "Called by Twilio (/twilio/**): every request must carry a valid X-Twilio-Signature (HMAC-SHA1 of "
                + "the URL and the form, with the account's auth token). Answers are TwiML or empty, as Twilio expects; refusals "
                + "(403 bad signature, 413, 400, 503 Twilio not configured) are problem details, which Twilio only logs. "
                + "Channels an integrator added take their calls under /webhooks/**, authenticated as each operation says.");

        final String tag;
        final String description;

        Audience(String tag, String description) {
            this.tag = tag;
            this.description = description;
        }

        /** Mirrors {@link SecurityConfiguration}: only POST /api/messages is open, /twilio/** is signed. */
        static Audience of(String method, String path) {
            if (path.startsWith("/twilio/") || path.startsWith("/webhooks/")) {
                return WEBHOOKS;
            }
            if ("POST".equalsIgnoreCase(method) && path.equals("/api/messages")) {
                return PUBLIC;
            }
            return STAFF;
        }
    }

    /** What springdoc cannot read from a handler: a stable id, a summary, the success status, the form Twilio posts. */
    record Op(String id, String summary, int success, String twilioForm) {
    }

    private static Map.Entry<String, Op> op(String call, String id, String summary, int success) {
        return Map.entry(call, new Op(id, summary, success, null));
    }

    private static Map.Entry<String, Op> webhook(String call, String id, String summary, int success, String form) {
        return Map.entry(call, new Op(id, summary, success, form));
    }

    /** Every call the hub describes, by "METHOD path". */
    static final Map<String, Op> OPERATIONS = Map.ofEntries(
            op("POST /api/messages", "sendMessage", "Leave a message (web form or API); answers at commit with the ticket reference reserved for it (Prefer: wait=N: after processing)", 202),
            op("GET /api/messages", "listMessages", "Every inbound message with status, reason, attempts and ticket", 200),
            op("GET /api/messages/{id}", "getMessage", "One inbound message", 200),
            op("GET /api/messages/{id}/raw", "getRawMessage", "The original bytes as received (an .eml for mail)", 200),
            op("POST /api/messages/{id}/replay", "replayMessage", "Process a FAILED message again (409 if it did not fail)", 202),
            op("GET /api/messages/{id}/fax", "getFax", "A fax: text page by page, OCR confidence, form fields, review flag", 200),
            op("GET /api/messages/{id}/fax/{file}/fields/{field}/image", "getFaxFieldImage",
                    "The cut-out of the fax page where a form field was read (PNG), to check a flagged field", 200),
            op("GET /api/attachments/{id}", "getAttachment", "A stored file, as a download", 200),
            op("GET /api/tickets", "listTickets", "The ticket queue and search: views, filters, order, pages (X-Total-Count, Link)", 200),
            op("GET /api/tickets/{ref}", "getTicket", "A ticket with its customer, timeline, notifications and hand-offs", 200),
            op("PATCH /api/tickets/{ref}", "changeTicketStatus", "Move a ticket to another status (the customer is told on configured ones)", 200),
            op("POST /api/tickets/{ref}/replies", "replyToTicket", "Queue a staff reply to the ticket's customer", 202),
            op("DELETE /api/tickets/{ref}/review", "clearTicketReview", "Staff dealt with the ticket's review reason: clear it", 204),
            op("POST /api/tickets/{ref}/notifications/{id}/cancel", "cancelNotification",
                    "Cancel a QUEUED notification: it is never sent (409 once it is being sent)", 204),
            op("POST /api/tickets/{ref}/notifications/{id}/resend", "resendNotification",
                    "Send a FAILED notification again on its channel", 202),
            op("POST /api/tickets/{ref}/notifications/{id}/send-on", "sendNotificationOn",
                    "Send a QUEUED or FAILED notification on another channel the customer can be reached on", 202),
            op("POST /api/tickets/{ref}/participants", "addTicketParticipant", "Add an address that may write on the ticket", 200),
            op("POST /api/tickets/{ref}/link", "linkTicket", "Link a ticket that quoted a reference into that ticket", 200),
            op("GET /api/tickets/{ref}/complaint", "getTicketComplaint", "The ticket's open complaint case, else its latest", 200),
            op("GET /api/customers/{id}/standing", "getCustomerStanding", "A customer's master data, A/B/C class, credit with its inputs, and dealings over a period", 200),
            op("POST /api/admin/standing/recompute", "recomputeStanding", "Recompute every customer's class and credit now (SUPERVISOR, ADMIN; 409 while a run is under way)", 200),
            op("GET /api/reports", "listReports", "The reports there are (SUPERVISOR, ADMIN)", 200),
            op("GET /api/reports/{name}", "getReport", "A report's figures for days from..to in the caller's zone (SUPERVISOR, ADMIN)", 200),
            op("GET /api/reports/{name}.csv", "exportReportCsv", "A report as CSV (UTF-8 with BOM)", 200),
            op("GET /api/reports/{name}.xlsx", "exportReportXlsx", "A report as an XLSX workbook", 200),
            op("POST /api/customers/{id}/merge", "mergeCustomer", "Merge a customer record into another (SUPERVISOR, ADMIN)", 200),
            op("POST /api/customers/{id}/identities/verified", "verifyCustomerIdentity", "Staff confirmed an e-mail or phone is the customer's", 200),
            op("GET /api/complaints", "listComplaints", "Complaint cases, newest first, with both SLA clocks", 200),
            op("GET /api/complaints/{id}", "getComplaint", "A complaint case with its clocks and step log", 200),
            op("PATCH /api/complaints/{id}", "changeComplaint", "Correct a case's category and/or severity", 200),
            op("POST /api/complaints/{id}/steps", "addComplaintStep", "One handling step on a case", 201),
            op("GET /api/complaint-categories", "listComplaintCategories", "The complaint categories", 200),
            op("POST /api/complaint-categories", "createComplaintCategory", "Add a category (ADMIN)", 200),
            op("PUT /api/complaint-categories/{code}", "updateComplaintCategory", "Change a category (ADMIN)", 200),
            op("GET /api/handoffs", "listHandoffs", "What the hub handed to the order, tracking and complaint systems", 200),
            op("GET /api/handoffs/{id}", "getHandoff", "One hand-off", 200),
            op("POST /api/handoffs/{id}/replay", "replayHandoff", "Send a FAILED or REJECTED hand-off again", 202),
            op("GET /api/orders/{orderNumber}", "getOrder", "An order's status as the order system gives it", 200),
            op("GET /api/fax/review", "listFaxesForReview", "Faxes whose fields a person must check", 200),
            op("POST /api/admin/fax/ocr/run", "runPendingOcr", "OCR the faxes that waited for Tesseract (SUPERVISOR, ADMIN)", 200),
            op("POST /api/admin/letters/ocr/run", "runPendingLetterOcr",
                    "OCR the scans of logged letters that waited for Tesseract (SUPERVISOR, ADMIN)", 200),
            op("POST /api/admin/transcriptions/run", "runPendingTranscriptions",
                    "Transcribe voice recordings that waited for a speech model (SUPERVISOR, ADMIN)", 200),
            op("GET /api/admin/staff", "listStaff", "Staff accounts, the active ones first (ADMIN)", 200),
            op("POST /api/admin/staff", "createStaff", "Create a staff account; answers its one-time password, once (ADMIN)", 201),
            op("GET /api/admin/staff/{username}", "getStaff", "One staff account (ADMIN)", 200),
            op("PATCH /api/admin/staff/{username}", "changeStaff",
                    "Change a staff account's name, role, team, language, time zone or phone (ADMIN)", 200),
            op("GET /api/admin/staff/{username}/events", "listStaffEvents",
                    "What was done to a staff account and by whom, newest first (ADMIN)", 200),
            op("POST /api/admin/staff/{username}/deactivate", "deactivateStaff",
                    "Deactivate a staff account: its sessions end, it can no longer sign in (ADMIN)", 200),
            op("POST /api/admin/staff/{username}/reactivate", "reactivateStaff", "Reactivate a staff account (ADMIN)", 200),
            op("POST /api/admin/staff/{username}/password-reset", "resetStaffPassword",
                    "Reset a staff password: the old one stops working; answers a one-time password, once (ADMIN)", 200),
            webhook("POST /twilio/sms", "twilioIncomingSms", "A text (SMS/MMS) came in: stored, answered with an empty TwiML <Response/>",
                    200, "TwilioIncomingMessage"),
            webhook("POST /twilio/voice", "twilioIncomingCall", "A call came in: stored, answered with the IVR greeting and menu (TwiML)",
                    200, "TwilioIncomingCall"),
            webhook("POST /twilio/voice/menu", "twilioVoiceMenu", "The caller pressed a menu key (TwiML <Gather> action)", 200,
                    "TwilioGather"),
            webhook("POST /twilio/voice/waybill", "twilioVoiceWaybill", "The caller keyed in a waybill number: its status is read out",
                    200, "TwilioGather"),
            webhook("POST /twilio/voice/done", "twilioVoiceDone", "The voicemail was recorded: goodbye and hang up (TwiML)", 200,
                    "TwilioGather"),
            webhook("POST /twilio/voice/queue/wait", "twilioQueueWait", "A caller waits in the agents' queue (<Enqueue waitUrl>): hold message and position (TwiML)",
                    200, "TwilioIncomingCall"),
            webhook("POST /twilio/voice/queue/result", "twilioQueueResult", "A caller left the queue (<Enqueue action>): hung up (missed call), bridged, or to voicemail (TwiML)",
                    200, "TwilioIncomingCall"),
            webhook("POST /twilio/voice/queue/bridge", "twilioQueueBridge", "An agent took a queued caller (<Queue url>): the bridge is recorded (TwiML)",
                    200, "TwilioIncomingCall"),
            webhook("POST /twilio/voice/status", "twilioVoiceStatus", "Status callback of a queue or click-to-call leg: its end, duration and outcome, once per CallSid",
                    204, "TwilioCallStatus"),
            webhook("POST /twilio/voice/announce", "twilioVoiceAnnounce", "The agent leg of a click-to-call answered: the recording announcement, then the customer is dialled (TwiML)",
                    200, "TwilioIncomingCall"),
            webhook("POST /twilio/recording", "twilioRecording",
                    "A voicemail recording is ready (recordingStatusCallback): stored, answered 204; other statuses 200, not stored",
                    204, "TwilioRecording"),
            webhook("POST /twilio/fax", "twilioFax",
                    "A fax is offered (answered <Receive>) or received (stored, answered 204); a failed one is answered 200", 204,
                    "TwilioFax"),
            webhook("POST /twilio/sms-status", "twilioSmsStatus", "Delivery report for a text the hub sent", 204, "TwilioMessageStatus"),
            webhook("POST /twilio/call-status", "twilioCallStatus", "Status report for a call the hub made", 204, "TwilioCallStatus"));

    @Bean
    OpenAPI hubOpenApi() {
        Components components = new Components()
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A staff account (staff_user), e.g. admin; failed attempts are slowed (429 with Retry-After)"))
                .addSecuritySchemes(TWILIO, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                        .name("X-Twilio-Signature")
                        .description("Twilio's request signature, checked against HUB_PUBLIC_URL (or the URL the request arrived at)"));
        List<Tag> tags = new ArrayList<>();
        for (Audience audience : Audience.values()) {
            tags.add(new Tag().name(audience.tag).description(audience.description));
        }
        return new OpenAPI()
                .info(new Info().title("Contact Hub API").version("v1")
                        .description("The hub's JSON API and webhooks. Staff console and customer portal pages are not "
                                + "part of it. Errors are RFC 9457 problem details (application/problem+json); see the README.")
                        .license(new License().name("Apache-2.0")))
                // Relative: the description holds for whatever address the hub is reached at.
                .servers(List.of(new Server().url("/").description("this hub")))
                .components(components)
                .tags(tags);
    }

    /** Tags, ids, summaries, security and answers of every operation, in the whole description and in each group. */
    @Bean
    GlobalOpenApiCustomizer describeOperations() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(method.name(), path, operation)));
            // Added here, not in hubOpenApi(): springdoc drops schemas nothing refers to before customizers run.
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            problemSchemas(openApi.getComponents());
            twilioForms(openApi.getComponents());
            tidy(openApi);
        };
    }

    /** Only the tags and schemas the operations use (a group lists its own audience and types alone). */
    private static void tidy(OpenAPI openApi) {
        Set<String> used = new java.util.HashSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(o -> {
                if (o.getTags() != null) {
                    used.addAll(o.getTags());
                }
            }));
        }
        List<Tag> tags = new ArrayList<>();
        for (Audience audience : Audience.values()) {
            if (used.contains(audience.tag)) {
                tags.add(new Tag().name(audience.tag).description(audience.description));
            }
        }
        openApi.setTags(tags);
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Set<String> reachable = new java.util.HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(references(openApi.getPaths()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (reachable.add(name) && schemas.containsKey(name)) {
                todo.addAll(references(schemas.get(name)));
            }
        }
        schemas.keySet().retainAll(reachable);
    }

    private static final java.util.regex.Pattern SCHEMA_REF = java.util.regex.Pattern.compile("#/components/schemas/([^\"]+)\"");

    private static Set<String> references(Object part) {
        Set<String> names = new java.util.HashSet<>();
        if (part == null) {
            return names;
        }
        try {
            java.util.regex.Matcher ref = SCHEMA_REF.matcher(Json31.mapper().writeValueAsString(part));
            while (ref.find()) {
                names.add(ref.group(1));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the API description's references", e);
        }
        return names;
    }

    @Bean
    GroupedOpenApi publicApi() {
        return group(Audience.PUBLIC, "/api/messages");
    }

    @Bean
    GroupedOpenApi staffApi() {
        return group(Audience.STAFF, "/api/**");
    }

    @Bean
    GroupedOpenApi webhooksApi() {
        return group(Audience.WEBHOOKS, "/twilio/**", "/webhooks/**");
    }

    private static GroupedOpenApi group(Audience audience, String... paths) {
        return GroupedOpenApi.builder().group(audience.tag).displayName(audience.tag).pathsToMatch(paths)
                .addOpenApiCustomizer(onlyFor(audience)).build();
    }

    /** Keeps the operations of one audience (a path can hold both: GET /api/messages is staff, POST public). */
    private static OpenApiCustomizer onlyFor(Audience audience) {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            Iterator<Map.Entry<String, PathItem>> paths = openApi.getPaths().entrySet().iterator();
            while (paths.hasNext()) {
                Map.Entry<String, PathItem> entry = paths.next();
                for (PathItem.HttpMethod method : Set.copyOf(entry.getValue().readOperationsMap().keySet())) {
                    if (Audience.of(method.name(), entry.getKey()) != audience) {
                        entry.getValue().operation(method, null);
                    }
                }
                if (entry.getValue().readOperations().isEmpty()) {
                    paths.remove();
                }
            }
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(o -> o.setTags(List.of(audience.tag))));
            tidy(openApi);
        };
    }

    /**
     * Schema names: a nested type is named with its outer class ({@code PendingOcr.Result}), so two
     * records both called {@code Result} do not become one schema.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ModelResolver modelResolver() {
        return new ModelResolver(Json31.mapper(), new NestedTypeNames()).openapi31(true);
    }

    static final class NestedTypeNames extends TypeNameResolver {
        @Override
        protected String getNameOfClass(Class<?> type) {
            String name = super.getNameOfClass(type);
            Class<?> outer = type.getEnclosingClass();
            if (outer != null && name.equals(type.getSimpleName())) {
                return getNameOfClass(outer) + "." + name;
            }
            return name;
        }
    }

    private static void describe(String method, String path, Operation operation) {
        Audience audience = Audience.of(method, path);
        operation.setTags(List.of(audience.tag));
        Op op = OPERATIONS.get(method + " " + path);
        if (op != null) {
            operation.setOperationId(op.id());
            operation.setSummary(op.summary());
        }
        boolean twilio = path.startsWith("/twilio/");
        switch (audience) {
            case PUBLIC -> operation.setSecurity(List.of());
            case STAFF -> operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC)));
            case WEBHOOKS -> {
                if (twilio) {
                    operation.setSecurity(List.of(new SecurityRequirement().addList(TWILIO)));
                }
            }
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (op == null && !twilio) {
            return; // a channel's own call: described by its handler's annotations, as they are
        }
        ApiResponse ok = responses.remove("200"); // springdoc assumes 200; the table knows better
        int success = op == null ? 200 : op.success();
        if (ok == null || success == 204) {
            ok = new ApiResponse();
        }
        ok.setDescription(HttpStatus.valueOf(success).getReasonPhrase());
        if (audience == Audience.WEBHOOKS) {
            webhookAnswer(ok, success);
            if (op != null && op.twilioForm() != null) {
                operation.setRequestBody(new RequestBody().required(true).content(new Content().addMediaType(
                        "application/x-www-form-urlencoded",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + op.twilioForm())))));
            }
        }
        ApiResponses ordered = new ApiResponses();
        ordered.addApiResponse(String.valueOf(success), ok);
        responses.forEach(ordered::addApiResponse);
        for (Map.Entry<String, String> error : errors(method, path, audience).entrySet()) {
            ordered.addApiResponse(error.getKey(), problem(error.getValue(),
                    error.getKey().equals("400") && audience == Audience.PUBLIC ? VALIDATION_PROBLEM : PROBLEM));
        }
        operation.setResponses(ordered);
    }

    /** TwiML for the calls Twilio reads an answer from; nothing for the callbacks answered 204. */
    private static void webhookAnswer(ApiResponse ok, int success) {
        if (success == 204) {
            ok.setContent(null);
            return;
        }
        ok.setContent(new Content().addMediaType("text/xml", new MediaType().schema(new StringSchema()
                .description("TwiML, e.g. <Response/> or the IVR's <Gather>/<Say>/<Record>"))));
    }

    /** The refusals each audience meets (the README's tables), as problem details. */
    private static Map<String, String> errors(String method, String path, Audience audience) {
        Map<String, String> errors = new LinkedHashMap<>();
        switch (audience) {
            case PUBLIC -> {
                errors.put("400", "Invalid input: each invalid field is named (errors, fieldErrors); or a body that is not JSON");
                errors.put("413", "Body over hub.web.max-body-bytes (64 KiB)");
                errors.put("415", "Not application/json");
                errors.put("429", "Over the per-client or global rate limit (Retry-After)");
                errors.put("503", "The hub is starting or stopping (Retry-After)");
            }
            case STAFF -> {
                if (method.equals("POST") || method.equals("PATCH") || method.equals("PUT") || path.contains("{")
                        || path.equals("/api/tickets")) {
                    errors.put("400", "Invalid input or parameters");
                }
                errors.put("401", "No or wrong staff credentials");
                if (path.startsWith("/api/admin/") || path.contains("/merge") || path.startsWith("/api/complaint-categories")) {
                    errors.put("403", "The staff member's role may not do this, or the account must choose a new password first");
                } else {
                    errors.put("403", "The account must choose a new password first (it signed in with a one-time password)");
                }
                errors.put("429", "Sign-in slowed after failed attempts (Retry-After)");
                if (path.contains("{")) {
                    errors.put("404", "No such resource");
                }
            }
            case WEBHOOKS -> {
                errors.put("400", "Not a form Twilio sends here (broken form encoding, missing sid)");
                errors.put("403", "Missing or invalid X-Twilio-Signature");
                errors.put("413", "Body over 64 KiB");
                errors.put("503", "Twilio not configured (no TWILIO_AUTH_TOKEN): no webhook is accepted");
            }
        }
        return errors;
    }

    private static ApiResponse problem(String description, String schema) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                ApiProblem.MEDIA_TYPE.toString(), new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
    }

    private static void problemSchemas(Components components) {
        Schema<?> problem = new ObjectSchema()
                .description("RFC 9457 problem details. No type means about:blank: the status says what happened.")
                .addProperty("type", new StringSchema().format("uri").description("absent: about:blank"))
                .addProperty("title", new StringSchema().description("the status' reason phrase").example("Not Found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty("detail", new StringSchema().description("what the hub says about it").example("no ticket CH-000099"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request path")
                        .example("/api/tickets/CH-000099"))
                .addProperty(ApiProblem.MESSAGE, new StringSchema().description("the same as detail (kept for earlier clients)"));
        problem.setRequired(List.of("title", "status", "detail"));
        components.addSchemas(PROBLEM, problem);

        Schema<?> field = new ObjectSchema()
                .addProperty("field", new StringSchema().example("subject"))
                .addProperty("message", new StringSchema().example("is required"));
        Schema<?> validation = new ObjectSchema()
                .description("A Problem for invalid input (status 400, detail \"invalid input\") naming each field")
                .addProperty(ApiProblem.ERRORS, new MapSchema().additionalProperties(new StringSchema())
                        .description("{field: message}; several messages for one field are joined with \"; \""))
                .addProperty(ApiProblem.FIELD_ERRORS, new ArraySchema().items(field).description("one entry per violation"));
        validation.setAllOf(List.of(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
        components.addSchemas(VALIDATION_PROBLEM, validation);
    }

    /** The parts of Twilio's webhook forms the hub reads (Twilio sends more; the signature covers all of it). */
    private static void twilioForms(Components components) {
        components.addSchemas("TwilioIncomingMessage", form("Twilio's incoming-message webhook (SMS, MMS)", List.of("MessageSid", "From"),
                "MessageSid", "SM…, the key the text is stored under (a redelivery changes nothing)",
                "From", "the sender's number, E.164",
                "To", "the hub's number",
                "Body", "the text",
                "NumMedia", "number of MMS media",
                "MediaUrl0", "MMS medium n (MediaUrl0, MediaUrl1, …), downloaded from Twilio's hosts",
                "MediaContentType0", "its content type"));
        components.addSchemas("TwilioIncomingCall", form("Twilio's incoming-call webhook", List.of("CallSid", "From"),
                "CallSid", "CA…, the key the call is stored under",
                "From", "the caller's number",
                "To", "the dialled number: decides the greeting's language (hub.voice.numbers)"));
        components.addSchemas("TwilioGather", form("Twilio's <Gather>/<Record> action (query: lang=zh|en)", List.of(),
                "CallSid", "the call",
                "Digits", "the keys pressed"));
        components.addSchemas("TwilioRecording", form("Twilio's recordingStatusCallback (query: intent, lang, waybill, answered)",
                List.of("RecordingSid", "CallSid"),
                "RecordingSid", "RE…, the key the voicemail is stored under",
                "CallSid", "the call whose ticket it joins",
                "RecordingStatus", "completed (stored); absent, failed, in-progress (answered 200, not stored)",
                "RecordingUrl", "where the WAV is downloaded from (Twilio's API host only)",
                "RecordingDuration", "seconds",
                "ErrorCode", "Twilio's error code, if any"));
        components.addSchemas("TwilioFax", form("A fax provider's callback in Twilio's fax shape", List.of("FaxSid"),
                "FaxSid", "FX…, the key the fax is stored under",
                "From", "the sender's fax number",
                "To", "the hub's fax number",
                "NumPages", "pages the provider received",
                "MediaUrl", "the PDF/TIFF (absent in the offer)",
                "FaxStatus", "receiving (offer), received (stored), failed, no-answer… (not stored)",
                "ErrorCode", "the provider's error code, if any"));
        components.addSchemas("TwilioMessageStatus", form("Twilio's status callback for a message the hub sent (query: n = outbox id)",
                List.of("MessageSid", "MessageStatus"),
                "MessageSid", "the message",
                "MessageStatus", "queued, sent, delivered, undelivered, failed, read",
                "ErrorCode", "Twilio's error code, if any"));
        components.addSchemas("TwilioCallStatus", form("Twilio's status callback for a call the hub made (query: n = outbox id)",
                List.of("CallSid", "CallStatus"),
                "CallSid", "the call",
                "CallStatus", "queued, ringing, in-progress, completed, busy, no-answer, failed",
                "ErrorCode", "Twilio's error code, if any"));
    }

    private static Schema<?> form(String description, List<String> required, String... fieldsAndDescriptions) {
        Schema<?> schema = new ObjectSchema().description(description);
        for (int i = 0; i < fieldsAndDescriptions.length; i += 2) {
            schema.addProperty(fieldsAndDescriptions[i], new StringSchema().description(fieldsAndDescriptions[i + 1]));
        }
        if (!required.isEmpty()) {
            schema.setRequired(required);
        }
        return schema;
    }
}
