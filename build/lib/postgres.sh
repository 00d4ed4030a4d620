# Provisions a private PostgreSQL cluster for build/run.sh, build/test.sh and build/bench.sh.
# Source it, then call:  pg_provision <data-dir>          → exports PG_PORT, PG_CONNECTION_STRING, PG_BIN
#                        pg_provision_replica <data-dir>  → a streaming replica of it (pg_basebackup, another port):
#                                                           exports PG_REPLICA_PORT, PG_REPLICA_CONNECTION_STRING
#                        pg_stop                          → stops what these started
# Durability is as in production: fsync and synchronous_commit stay on.

PG_MIN_VERSION=15
PG_DB_NAME=eventagents
PG_DB_USER=eventagents

pg_log() { printf '[postgres] %s\n' "$*" >&2; }

# Finds the newest server binaries of version >= 15, installing them with apt-get when missing and we are root.
pg_find_binaries() {
  local dir version best=""
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] || continue
    version=$(basename "$(dirname "$dir")")
    [ "${version%%.*}" -ge "$PG_MIN_VERSION" ] 2>/dev/null || continue
    best="$dir"
  done
  if [ -z "$best" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      pg_log "PostgreSQL $PG_MIN_VERSION or newer is not installed. Install it, then run this again:"
      pg_log "  sudo apt-get install -y postgresql"
      pg_log "or set ConnectionStrings__Postgres to a database you already have."
      return 1
    fi
    pg_log "installing PostgreSQL server binaries with apt-get (one time)..."
    # Keep the Debian package from creating and starting its own cluster on port 5432.
    mkdir -p /etc/postgresql-common
    if ! grep -q '^create_main_cluster' /etc/postgresql-common/createcluster.conf 2>/dev/null; then
      echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq -o Dpkg::Options::=--force-confold postgresql postgresql-contrib >&2
    for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && best="$dir"; done
    [ -n "$best" ] || { pg_log "apt-get did not install PostgreSQL server binaries"; return 1; }
  fi
  PG_BIN="$best"
  export PG_BIN
}

# Runs a command as the cluster owner: initdb and postgres refuse to run as root.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 20000) + 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  pg_log "no free port found"
  return 1
}

pg_provision() {
  local data_dir="$1"
  pg_find_binaries || return 1
  PG_DATA_DIR="$data_dir/cluster"
  PG_PASSWORD_FILE="$data_dir/password"
  PG_LOG_FILE="$data_dir/postgres.log"
  PG_SOCKET_DIR="$data_dir/socket"
  mkdir -p "$data_dir" "$PG_SOCKET_DIR"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$data_dir" "$PG_SOCKET_DIR"
    chmod 700 "$data_dir"
    # The cluster owner must be able to reach the data directory through its parents.
    local parent
    parent=$(dirname "$data_dir")
    while [ "$parent" != "/" ]; do chmod o+x "$parent" 2>/dev/null || true; parent=$(dirname "$parent"); done
  fi

  if [ ! -s "$PG_DATA_DIR/PG_VERSION" ]; then
    pg_log "creating a new cluster in $PG_DATA_DIR"
    local pwfile
    pwfile=$(mktemp)
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$pwfile"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$pwfile"; fi
    pg_as_owner "$PG_BIN/initdb" -D "$PG_DATA_DIR" -U "$PG_DB_USER" --pwfile="$pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null || { rm -f "$pwfile"; return 1; }
    install -m 600 "$pwfile" "$PG_PASSWORD_FILE"
    rm -f "$pwfile"
  fi

  PG_PORT=$(pg_free_port) || return 1
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA_DIR" -l "$PG_LOG_FILE" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCKET_DIR -c fsync=on -c synchronous_commit=on -c max_connections=${PG_MAX_CONNECTIONS:-200}" >/dev/null \
    || { pg_log "PostgreSQL did not start; see $PG_LOG_FILE"; tail -20 "$PG_LOG_FILE" >&2; return 1; }
  PG_STARTED=1

  local password
  password=$(cat "$PG_PASSWORD_FILE")
  if ! PGPASSWORD="$password" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_DB_USER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$PG_DB_NAME'" | grep -q 1; then
    PGPASSWORD="$password" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_DB_USER" "$PG_DB_NAME"
  fi

  PG_CONNECTION_STRING="Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB_NAME;Username=$PG_DB_USER;Password=$password"
  export PG_PORT PG_CONNECTION_STRING PG_DATA_DIR
  pg_log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$PG_PORT"
}

# A hot standby of the cluster pg_provision started, streaming from it (the cluster's superuser replicates; initdb's
# pg_hba.conf allows replication from 127.0.0.1). Made afresh each time: a base backup of a small database takes seconds.
pg_provision_replica() {
  local data_dir="$1" password
  password=$(cat "$PG_PASSWORD_FILE")
  PG_REPLICA_DATA_DIR="$data_dir/replica"
  PG_REPLICA_LOG_FILE="$data_dir/replica.log"
  if [ "${PG_REPLICA_STARTED:-0}" = 1 ]; then return 0; fi
  rm -rf "$PG_REPLICA_DATA_DIR"
  mkdir -p "$data_dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$data_dir"; fi
  pg_as_owner env PGPASSWORD="$password" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_DB_USER" \
    -D "$PG_REPLICA_DATA_DIR" -R -X stream -c fast >/dev/null || { pg_log "pg_basebackup failed"; return 1; }
  PG_REPLICA_PORT=$(pg_free_port) || return 1
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_REPLICA_DATA_DIR" -l "$PG_REPLICA_LOG_FILE" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PG_REPLICA_PORT -k $PG_SOCKET_DIR -c hot_standby=on -c max_connections=${PG_MAX_CONNECTIONS:-200}" >/dev/null \
    || { pg_log "the replica did not start; see $PG_REPLICA_LOG_FILE"; tail -20 "$PG_REPLICA_LOG_FILE" >&2; return 1; }
  PG_REPLICA_STARTED=1
  PG_REPLICA_CONNECTION_STRING="Host=127.0.0.1;Port=$PG_REPLICA_PORT;Database=$PG_DB_NAME;Username=$PG_DB_USER;Password=$password"
  export PG_REPLICA_PORT PG_REPLICA_CONNECTION_STRING PG_REPLICA_DATA_DIR
  pg_log "streaming replica listening on 127.0.0.1:$PG_REPLICA_PORT"
}

pg_stop() {
  if [ "${PG_REPLICA_STARTED:-0}" = 1 ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_REPLICA_DATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
    PG_REPLICA_STARTED=0
  fi
  if [ "${PG_STARTED:-0}" = 1 ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
    PG_STARTED=0
    pg_log "stopped"
  fi
}
