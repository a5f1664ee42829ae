#!/usr/bin/env bash
# Manage a private, socket-only PostgreSQL cluster in DIR (DIR/data, DIR/sock, DIR/log).
#
#   pgcluster.sh start DIR [--durable] [--conninfo]  initdb if needed, start (no-op if running);
#                                                    --conninfo prints the conninfo afterwards
#   pgcluster.sh stop DIR [--remove]                 stop if running; --remove also deletes DIR
#   pgcluster.sh conninfo DIR                        print the superuser's libpq conninfo
#   pgcluster.sh status DIR                          exit 0 if running
#
# Without --durable the cluster trades crash safety for speed (tests). As root, the server runs
# as the `postgres` user, so DIR must be reachable by it (not under /root).
set -euo pipefail
umask 022

die() { echo "pgcluster: $*" >&2; exit 1; }
usage() { die "usage: pgcluster.sh start|stop|conninfo|status DIR [--durable] [--conninfo] [--remove]"; }

(( $# >= 2 )) || usage
cmd=$1
dir=$(realpath -m -- "$2")
shift 2
durable=0 remove=0 print_conninfo=0
for opt in "$@"; do
  case $opt in
    --durable) durable=1 ;;
    --remove) remove=1 ;;
    --conninfo) print_conninfo=1 ;;
    *) usage ;;
  esac
done

# The path goes into a pg_ctl -o string and a conninfo: keep it free of quotes and blanks.
[[ $dir =~ ^[A-Za-z0-9._/+@:-]+$ ]] || die "unsupported characters in directory path: $dir"
data=$dir/data sock=$dir/sock log=$dir/log

if (( EUID == 0 )); then
  superuser=postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  superuser=$(id -un)
  as_pg() { "$@"; }
fi
cd /  # the server user may not be able to read the caller's working directory

bindir=$(pg_config --bindir 2>/dev/null || true)
[[ -x $bindir/pg_ctl ]] || bindir=/usr/lib/postgresql/15/bin
[[ -x $bindir/pg_ctl ]] || die "PostgreSQL server binaries not found (install postgresql-15)"

running() { as_pg "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1; }

start() {
  local socket=$sock/.s.PGSQL.5432
  (( ${#socket} < 100 )) || die "socket path too long (${#socket} bytes, max 99): $socket"
  running && return 0

  mkdir -p "$dir"
  if (( EUID == 0 )); then
    chown postgres: "$dir"
    as_pg test -w "$dir" -a -x "$dir" ||
      die "$dir is not reachable by user postgres (use a directory outside /root)"
  fi
  as_pg mkdir -p "$sock"
  as_pg touch "$log"  # owned by the server user, so the server can append to it

  if [[ ! -f $data/PG_VERSION ]]; then
    local initdb_opts=(-D "$data" -A trust -E UTF8 --locale=C.UTF-8)
    (( durable )) || initdb_opts+=(--no-sync)
    as_pg "$bindir/initdb" "${initdb_opts[@]}" >>"$log" 2>&1 || die "initdb failed, see $log"
  fi

  local opts="-k '$sock' -c listen_addresses='' -c port=5432"
  opts+=" -c max_connections=200 -c shared_buffers=256MB -c maintenance_work_mem=512MB"
  opts+=" -c max_wal_size=4GB -c checkpoint_timeout=30min"
  (( durable )) || opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  # pg_ctl's own messages go to the server log too (both append, which is safe).
  # shellcheck disable=SC2094
  as_pg "$bindir/pg_ctl" -w -D "$data" -l "$log" start -o "$opts" >>"$log" 2>&1 ||
    die "server failed to start, see $log"
}

stop() {
  if running; then
    local mode=fast
    (( remove )) && mode=immediate
    as_pg "$bindir/pg_ctl" -w -D "$data" -m "$mode" stop >/dev/null 2>&1 ||
      die "server failed to stop, see $log"
  fi
  if (( remove )) && [[ -e $dir ]]; then
    [[ $dir != / && ( -d $data || -z $(ls -A "$dir") ) ]] ||
      die "refusing to remove $dir: it does not look like a cluster directory"
    rm -rf -- "$dir" || die "could not remove $dir"
  fi
}

conninfo() { echo "host=$sock port=5432 user=$superuser dbname=postgres"; }

case $cmd in
  start) start; if (( print_conninfo )); then conninfo; fi ;;
  stop) stop ;;
  conninfo) conninfo ;;
  status) running ;;
  *) usage ;;
esac
