-- The schema registry (issue #21): a tenant's subjects (events/{type}, collections/{name}) and their immutable versions.
-- Every change is also an event in the subject's system stream (schema:{kind}:{name}), appended in the same transaction
-- by the API. Registrations of one subject are serialised by its row lock (SELECT ... FOR UPDATE), so version numbers
-- are never lost or doubled; the decisions (compatibility, next number) are made in C# (Domain/Schemas), not here.
CREATE TABLE schema_subjects (
    tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('events', 'collections')),
    name text NOT NULL,
    compatibility text NOT NULL
        CHECK (compatibility IN ('none', 'backward', 'backward_transitive', 'forward', 'forward_transitive', 'full', 'full_transitive')),
    enforcement text NOT NULL CHECK (enforcement IN ('off', 'warn', 'enforce')),
    -- The highest version number ever registered (0: none), and the first one still live: a delete moves it past the last,
    -- so a later registration starts afresh but never reuses a number.
    last_version integer NOT NULL DEFAULT 0,
    first_live_version integer NOT NULL DEFAULT 1,
    deleted boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kind, name)
);

CREATE TABLE schema_versions (
    tenant_id uuid NOT NULL,
    kind text NOT NULL,
    name text NOT NULL,
    version integer NOT NULL CHECK (version > 0),
    schema jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kind, name, version),
    FOREIGN KEY (tenant_id, kind, name) REFERENCES schema_subjects (tenant_id, kind, name) ON DELETE CASCADE
);

ALTER TABLE documents ADD COLUMN schema_version integer NULL;
