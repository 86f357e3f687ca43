/**
 * The schema as an ordered list of migrations; `PRAGMA user_version` records how many have run.
 * Append only: never edit a migration that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE dumps (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT,
    dump_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('ingested', 'rejected')),
    papers INTEGER NOT NULL DEFAULT 0,
    new_papers INTEGER NOT NULL DEFAULT 0,
    known_papers INTEGER NOT NULL DEFAULT 0,
    warnings TEXT NOT NULL DEFAULT '[]',
    error TEXT,
    ingested_at TEXT NOT NULL
  );
  CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    arxiv_id TEXT UNIQUE,
    title TEXT NOT NULL,
    abstract TEXT NOT NULL,
    authors TEXT NOT NULL DEFAULT '[]',
    author_count INTEGER,
    organization TEXT,
    organization_handle TEXT,
    published_on TEXT,
    upvotes INTEGER NOT NULL DEFAULT 0,
    tldr TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '[]',
    ai_summary TEXT,
    ai_keywords TEXT NOT NULL DEFAULT '[]',
    github_repo TEXT,
    project_page TEXT,
    first_dump_id INTEGER NOT NULL REFERENCES dumps(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
  );
  CREATE INDEX papers_published ON papers(published_on);
  CREATE INDEX papers_first_seen ON papers(first_seen_at);
  CREATE TABLE paper_keys (
    key TEXT NOT NULL,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    PRIMARY KEY (key, paper_id)
  ) WITHOUT ROWID;
  CREATE TABLE sightings (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    dump_id INTEGER NOT NULL REFERENCES dumps(id) ON DELETE CASCADE,
    upvotes INTEGER NOT NULL,
    seen_on TEXT,
    seen_at TEXT NOT NULL,
    UNIQUE (paper_id, dump_id)
  );
  CREATE INDEX sightings_seen ON sightings(seen_at);
  CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, abstract, authors, organization,
    content = 'papers', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
    INSERT INTO papers_fts(rowid, title, abstract, authors, organization)
    VALUES (new.id, new.title, new.abstract, new.authors, coalesce(new.organization, ''));
  END;
  CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract, authors, organization)
    VALUES ('delete', old.id, old.title, old.abstract, old.authors, coalesce(old.organization, ''));
  END;
  CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, authors, organization ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract, authors, organization)
    VALUES ('delete', old.id, old.title, old.abstract, old.authors, coalesce(old.organization, ''));
    INSERT INTO papers_fts(rowid, title, abstract, authors, organization)
    VALUES (new.id, new.title, new.abstract, new.authors, coalesce(new.organization, ''));
  END;
  `,
  `
  CREATE TABLE destinations (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('channel', 'dm', 'webhook')),
    address TEXT NOT NULL,
    workspace TEXT,
    label TEXT,
    schedule TEXT NOT NULL,
    time_zone TEXT,
    min_upvotes INTEGER NOT NULL DEFAULT 0,
    filter TEXT,
    digest_enabled INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    status_reason TEXT,
    notice TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (platform, kind, address)
  );
  CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    destination_id INTEGER NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
    query TEXT NOT NULL,
    rhythm TEXT NOT NULL CHECK (rhythm IN ('instant', 'daily', 'weekly')),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    status_reason TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX subscriptions_owner ON subscriptions(platform, owner_id);
  CREATE TABLE subscription_terms (
    term TEXT NOT NULL,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    PRIMARY KEY (term, subscription_id)
  ) WITHOUT ROWID;
  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    destination_id INTEGER NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('digest', 'subscription')),
    subscription_ids TEXT NOT NULL DEFAULT '[]',
    matched TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'pending'
      CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dead', 'skipped')),
    due_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    message_ref TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    UNIQUE (paper_id, destination_id)
  );
  CREATE INDEX deliveries_due ON deliveries(state, due_at);
  `,
  `
  ALTER TABLE deliveries ADD COLUMN batch_key TEXT;
  CREATE INDEX deliveries_batch ON deliveries(batch_key) WHERE batch_key IS NOT NULL;
  `,
  `
  DROP TABLE subscription_terms;
  `,
  `
  CREATE INDEX papers_listing ON papers(coalesce(published_on, substr(first_seen_at, 1, 10)) DESC, upvotes DESC, id DESC);
  CREATE INDEX papers_upvotes ON papers(upvotes);
  `,
  `
  ALTER TABLE dumps ADD COLUMN resume_at INTEGER;
  CREATE TABLE ingest_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  DROP TRIGGER papers_fts_insert;
  DROP TRIGGER papers_fts_delete;
  DROP TRIGGER papers_fts_update;
  DROP TABLE papers_fts;
  CREATE VIEW papers_index_text AS SELECT id,
    paperbot_index_text(title) AS title, paperbot_index_text(abstract) AS abstract,
    paperbot_index_text(authors) AS authors, paperbot_index_text(coalesce(organization, '')) AS organization
    FROM papers;
  CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, abstract, authors, organization,
    content = 'papers_index_text', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
    INSERT INTO papers_fts(rowid, title, abstract, authors, organization)
    VALUES (new.id, paperbot_index_text(new.title), paperbot_index_text(new.abstract), paperbot_index_text(new.authors),
      paperbot_index_text(coalesce(new.organization, '')));
  END;
  CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract, authors, organization)
    VALUES ('delete', old.id, paperbot_index_text(old.title), paperbot_index_text(old.abstract), paperbot_index_text(old.authors),
      paperbot_index_text(coalesce(old.organization, '')));
  END;
  CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, authors, organization ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract, authors, organization)
    VALUES ('delete', old.id, paperbot_index_text(old.title), paperbot_index_text(old.abstract), paperbot_index_text(old.authors),
      paperbot_index_text(coalesce(old.organization, '')));
    INSERT INTO papers_fts(rowid, title, abstract, authors, organization)
    VALUES (new.id, paperbot_index_text(new.title), paperbot_index_text(new.abstract), paperbot_index_text(new.authors),
      paperbot_index_text(coalesce(new.organization, '')));
  END;
  INSERT INTO papers_fts(papers_fts) VALUES ('rebuild');
  `,
  `
  CREATE TABLE store_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  INSERT INTO store_state (key, value) SELECT 'first_run_done', 'before the first-run state was kept'
    WHERE EXISTS (SELECT 1 FROM papers);
  `,
  `
  CREATE TABLE feedback (
    platform TEXT NOT NULL,
    person_id TEXT NOT NULL,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    verdict TEXT NOT NULL CHECK (verdict IN ('like', 'dislike')),
    at TEXT NOT NULL,
    PRIMARY KEY (platform, person_id, paper_id)
  ) WITHOUT ROWID;
  CREATE TABLE saved_papers (
    platform TEXT NOT NULL,
    person_id TEXT NOT NULL,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    PRIMARY KEY (platform, person_id, paper_id)
  ) WITHOUT ROWID;
  CREATE TABLE foryou_subscriptions (
    platform TEXT NOT NULL,
    person_id TEXT NOT NULL,
    destination_id INTEGER NOT NULL REFERENCES destinations(id) ON DELETE CASCADE,
    rhythm TEXT NOT NULL CHECK (rhythm IN ('daily', 'weekly')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (platform, person_id)
  ) WITHOUT ROWID;
  ALTER TABLE destinations ADD COLUMN thread INTEGER NOT NULL DEFAULT 0;
  `,
  `
  ALTER TABLE destinations ADD COLUMN declared INTEGER NOT NULL DEFAULT 0;
  `,
  `
  ALTER TABLE papers ADD COLUMN arxiv_version INTEGER;
  ALTER TABLE papers ADD COLUMN primary_category TEXT;
  ALTER TABLE papers ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE papers ADD COLUMN arxiv_comment TEXT;
  CREATE TABLE source_state (
    source TEXT PRIMARY KEY,
    last_day TEXT,
    last_success_at TEXT,
    last_error TEXT,
    last_error_at TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE source_pages (
    source TEXT NOT NULL,
    day TEXT NOT NULL,
    page INTEGER NOT NULL,
    etag TEXT,
    items INTEGER NOT NULL,
    total INTEGER,
    content_hash TEXT,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (source, day, page)
  ) WITHOUT ROWID;
  CREATE TABLE source_days (
    source TEXT NOT NULL,
    day TEXT NOT NULL,
    pages INTEGER NOT NULL,
    papers INTEGER NOT NULL,
    completed_at TEXT NOT NULL,
    PRIMARY KEY (source, day)
  ) WITHOUT ROWID;
  `,
  `
  DROP TRIGGER papers_fts_insert;
  DROP TRIGGER papers_fts_update;
  CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, authors, organization ON papers
  WHEN old.title IS NOT new.title OR old.abstract IS NOT new.abstract OR old.authors IS NOT new.authors
    OR old.organization IS NOT new.organization BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract, authors, organization)
    VALUES ('delete', old.id, paperbot_index_text(old.title), paperbot_index_text(old.abstract), paperbot_index_text(old.authors),
      paperbot_index_text(coalesce(old.organization, '')));
    INSERT INTO papers_fts(rowid, title, abstract, authors, organization)
    VALUES (new.id, paperbot_index_text(new.title), paperbot_index_text(new.abstract), paperbot_index_text(new.authors),
      paperbot_index_text(coalesce(new.organization, '')));
  END;
  `,
];
