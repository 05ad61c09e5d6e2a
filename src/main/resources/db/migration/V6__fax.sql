-- Faxes and scanned documents: what OCR read, page by page, and the fields read from the form.
-- One row per faxed document (a fax-to-email mail may carry several files).
create table fax_document (
    id               bigserial primary key,
    message_id       bigint not null references inbound_message (id),
    file_index       integer not null,            -- position among the message's files
    file_name        text,
    media_type       text,
    fax_number       text,                        -- the sender's fax number as received (E.164 when known)
    page_count       integer not null default 0,
    ocr_status       varchar(16) not null,        -- DONE | WAITING (no Tesseract yet) | TEXT (no OCR needed)
    ocr_method       text,
    ocr_languages    text,
    mean_confidence  real,                        -- mean Tesseract word confidence 0..100 over OCR'd pages
    waiting_reason   text,
    form_type        varchar(32),
    fields           jsonb not null default '{}'::jsonb,
    needs_review     boolean not null default true,
    review_reasons   jsonb not null default '[]'::jsonb,
    updated_at       timestamptz not null default now(),
    unique (message_id, file_index)
);

create table fax_page (
    document_id  bigint not null references fax_document (id) on delete cascade,
    page         integer not null,
    text         text,
    confidence   real,                            -- null: the page's text came from a PDF text layer
    method       text,
    width        integer,
    height       integer,
    primary key (document_id, page)
);

-- The review queue: faxes whose fields a person must check before they go anywhere.
create index fax_document_review on fax_document (needs_review, id desc);
