#!/usr/bin/env bash
# E-mail intake benchmark against a real IMAP server (Dovecot) instead of GreenMail (docs/BENCHMARKS.md).
# Usage: scripts/bench-email-dovecot.sh [imap mails=10000]   (or env BENCH_IMAP_EMAILS)
# Env: BENCH_EMAILS (pipeline mails, default 10000), BENCH_IMAP_PORT (default 14143).
# GreenMail answers each IMAP round trip in ~45 ms (small socket writes, Nagle/delayed ACK), so
# against it the benchmark measures GreenMail; a local Dovecot takes the server out of the picture.
# Everything lives in target/dovecot and is recreated on each run; Dovecot is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
imap_emails=${1:-${BENCH_IMAP_EMAILS:-10000}}
emails=${BENCH_EMAILS:-10000}
port=${BENCH_IMAP_PORT:-14143}
dir=$PWD/target/dovecot
# Dovecot rejects mail users with uid 0 ("invalid UID", below first_valid_uid): use one that always exists.
mail_user=nobody
mail_group=$(id -gn "$mail_user")

if ! command -v dovecot >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq dovecot-imapd
fi
# A Dovecot left over from an interrupted run would hold the port and the files we are about to delete.
if [ -f "$dir/run/master.pid" ]; then
  kill "$(cat "$dir/run/master.pid")" 2>/dev/null || true
  sleep 1
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "port $port is already in use; set BENCH_IMAP_PORT" >&2
  exit 1
fi
rm -rf "$dir"
mkdir -p "$dir/run" "$dir/state" "$dir/mail"

# Own config only (-c): nothing from /etc/dovecot, no SSL, plaintext login (loopback only).
# The Debian package creates the login/internal users (dovenull, dovecot) that the defaults name.
cat > "$dir/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%u
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
EOF
echo "bench:{PLAIN}bench:$(id -u "$mail_user"):$(id -g "$mail_user")::$dir/mail/bench::" > "$dir/users"
chmod 644 "$dir/users"   # read by the unprivileged auth process; a throwaway password

# Preload straight into Maildir new/: the same mail mix the GreenMail run delivers, in seconds.
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -cp "$(cat target/bench.classpath):target/classes:target/test-classes" \
  io.contacthub.bench.MaildirPreloader "$dir/mail/bench" "$imap_emails"
chown -R "$mail_user:$mail_group" "$dir/mail"

dovecot -F -c "$dir/dovecot.conf" &
dovecot_pid=$!
trap 'kill $dovecot_pid 2>/dev/null; wait $dovecot_pid 2>/dev/null || true' EXIT

# Logs in over plain IMAP and prints the INBOX STATUS line (also proves the server is up).
imap_status() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port" &&
    printf 'a LOGIN bench bench\r\nb STATUS INBOX (MESSAGES UNSEEN)\r\nc LOGOUT\r\n' >&3 &&
    timeout 60 cat <&3 | tr -d '\r' | grep '^\* STATUS') 2>/dev/null
}
for _ in $(seq 1 30); do
  status=$(imap_status) && break
  sleep 1
done
echo "Dovecot $(dovecot --version) before: ${status:?Dovecot did not answer, see $dir/dovecot.log}"

# The hub logs to stdout: keep all of it in a file, show progress and the result table.
./mvnw -q -B -Pbench verify -Dbench.emails="$emails" -Dbench.imapEmails="$imap_emails" \
  -Dbench.imapUrl="imap://bench:bench@127.0.0.1:$port/INBOX" 2>&1 | tee "$dir/bench.log" |
  grep --line-buffered -E '^(\||$|  \.\.\. |hub start-up|peak heap|\[ERROR\])' || { echo "benchmark failed, see $dir/bench.log" >&2; exit 1; }

echo "Dovecot after: $(imap_status)"
# Proof the hub read from Dovecot: its session's body_count should equal the IMAP mail count.
echo "Dovecot log ($dir/dovecot.log):"
grep -E 'Disconnected|Error|Warning|Fatal|Panic' "$dir/dovecot.log" | grep -v 'body_count=0 ' || true
