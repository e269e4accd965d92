"""The team store's schema on PostgreSQL: numbered migrations, each applied once in its own transaction and
recorded in `cnet_team.schema_migrations`, like the local database's.

Security lives in the schema: every member is a PostgreSQL role of their own, in the team's group role; row-level
security lets a member insert, change and delete only their own rows, read the team's projection, and read only
the asks they sent or were sent. No column can hold notes, highlights, how-met, evidence text, phones,
interactions or an e-mail address: text columns are names, companies, titles and LinkedIn URLs (length-checked),
evidence is one of four classes, strength one of four bands, a last contact a month, e-mails keyed hashes (hex).
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA = "cnet_team"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


ME = "(SELECT cnet_team.me())"

MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "team store",
        f"""
CREATE TABLE cnet_team.team (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    team_id uuid NOT NULL,
    key_check text NOT NULL CHECK (key_check ~ '^[0-9a-f]{{32}}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Keyed hashes only: 64 hex digits each, at most 50.
CREATE FUNCTION cnet_team.hex_keys(keys text[]) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(cardinality(keys), 0) <= 50
       AND coalesce((SELECT bool_and(k ~ '^[0-9a-f]{{64}}$') FROM unnest(keys) AS k), true)
$$;

-- A seat: a member's handle and role (made by cnet team init), and what the member published of themselves.
CREATE TABLE cnet_team.member (
    handle text PRIMARY KEY CHECK (handle ~ '^[a-z0-9][a-z0-9-]{{0,62}}$'),
    role name NOT NULL UNIQUE,
    name text CHECK (length(name) BETWEEN 1 AND 500),
    linkedin_key text CHECK (length(linkedin_key) <= 500),
    email_keys text[] NOT NULL DEFAULT '{{}}' CHECK (cnet_team.hex_keys(email_keys)),
    joined_at timestamptz,
    published_at timestamptz,
    pub bigint NOT NULL DEFAULT 0,
    ties integer NOT NULL DEFAULT 0
);

CREATE FUNCTION cnet_team.me() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT handle FROM cnet_team.member WHERE role = current_user
$$;

-- One member's tie to one of their connections: the projection, and nothing more.
CREATE TABLE cnet_team.tie (
    member text NOT NULL REFERENCES cnet_team.member(handle) ON DELETE CASCADE,
    ref text NOT NULL CHECK (ref ~ '^[0-9a-f]{{32}}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
    name_key text NOT NULL CHECK (length(name_key) <= 1000),
    company text CHECK (length(company) <= 1000),
    company_key text CHECK (length(company_key) <= 2000),
    title text CHECK (length(title) <= 1000),
    linkedin text CHECK (length(linkedin) <= 500 AND linkedin ~ '^https://'),
    linkedin_key text CHECK (length(linkedin_key) <= 500),
    evidence text NOT NULL CHECK (evidence IN ('worked-with', 'family-or-friend', 'met-in-person', 'nominal')),
    band smallint NOT NULL CHECK (band BETWEEN 0 AND 3),
    last_contact text CHECK (last_contact ~ '^[0-9]{{4}}-[0-9]{{2}}$'),
    email_keys text[] NOT NULL DEFAULT '{{}}' CHECK (cnet_team.hex_keys(email_keys)),
    digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{{32}}$'),
    pub bigint NOT NULL,
    PRIMARY KEY (member, ref)
);
CREATE INDEX tie_name_key ON cnet_team.tie (name_key);
CREATE INDEX tie_linkedin_key ON cnet_team.tie (linkedin_key) WHERE linkedin_key IS NOT NULL;
CREATE INDEX tie_company_key ON cnet_team.tie (company_key text_pattern_ops) WHERE company_key IS NOT NULL;
CREATE INDEX tie_email_keys ON cnet_team.tie USING gin (email_keys);
CREATE INDEX tie_member_pub ON cnet_team.tie (member, pub);

-- A member asks another for an introduction to one of that member's published ties.
CREATE TABLE cnet_team.ask (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_member text NOT NULL REFERENCES cnet_team.member(handle) ON DELETE CASCADE,
    to_member text NOT NULL,
    ref text NOT NULL,
    reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 4000),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
    created_at timestamptz NOT NULL DEFAULT now(),
    decided_at timestamptz,
    CHECK (from_member <> to_member),
    FOREIGN KEY (to_member, ref) REFERENCES cnet_team.tie(member, ref) ON DELETE CASCADE
);
CREATE INDEX ask_to ON cnet_team.ask (to_member, status);
CREATE INDEX ask_from ON cnet_team.ask (from_member, status);

ALTER TABLE cnet_team.member ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON cnet_team.member FOR SELECT USING (true);
CREATE POLICY member_self ON cnet_team.member FOR UPDATE USING (role = current_user) WITH CHECK (role = current_user);

ALTER TABLE cnet_team.tie ENABLE ROW LEVEL SECURITY;
CREATE POLICY tie_read ON cnet_team.tie FOR SELECT USING (true);
CREATE POLICY tie_insert ON cnet_team.tie FOR INSERT WITH CHECK (member = {ME});
CREATE POLICY tie_update ON cnet_team.tie FOR UPDATE USING (member = {ME}) WITH CHECK (member = {ME});
CREATE POLICY tie_delete ON cnet_team.tie FOR DELETE USING (member = {ME});

ALTER TABLE cnet_team.ask ENABLE ROW LEVEL SECURITY;
CREATE POLICY ask_read ON cnet_team.ask FOR SELECT USING (from_member = {ME} OR to_member = {ME});
CREATE POLICY ask_insert ON cnet_team.ask FOR INSERT WITH CHECK (from_member = {ME} AND status = 'open');
CREATE POLICY ask_answer ON cnet_team.ask FOR UPDATE USING (to_member = {ME}) WITH CHECK (to_member = {ME});
CREATE POLICY ask_delete ON cnet_team.ask FOR DELETE USING (from_member = {ME} OR to_member = {ME});
""",
    ),
]

MIGRATIONS.append(
    Migration(
        2,
        "a seat is one database",
        """
-- The random id of the database that holds a member's seat (cnet team join), so that a second database linked
-- as the same member is refused rather than undoing the first one's rows. It says nothing of anyone.
ALTER TABLE cnet_team.member ADD COLUMN seat text CHECK (seat ~ '^[0-9a-f]{32}$');
""",
    )
)

LATEST = MIGRATIONS[-1].version

# What the members' group role may do (row-level security narrows it to their own rows).
GRANTS = """
GRANT USAGE ON SCHEMA cnet_team TO {group};
GRANT SELECT ON cnet_team.team, cnet_team.schema_migrations TO {group};
GRANT SELECT, UPDATE (name, linkedin_key, email_keys, joined_at, published_at, pub, ties, seat) ON cnet_team.member TO {group};
GRANT SELECT, INSERT, UPDATE, DELETE ON cnet_team.tie TO {group};
GRANT SELECT, INSERT, DELETE, UPDATE (status, decided_at) ON cnet_team.ask TO {group};
"""
