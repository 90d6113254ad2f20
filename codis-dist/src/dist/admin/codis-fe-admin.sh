#!/usr/bin/env bash
# codis-fe-admin.sh start|stop|restart|status: the web console on CODIS_FE_ADDR (default 0.0.0.0:9090)
# for the dashboards of config/codis.json (make it with: bin/codis-admin --dashboard-list
# --zookeeper=ADDR > config/codis.json), serving assets/.
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
exec "$home/admin/daemon.sh" codis-fe "${1:-}" --assets-dir="$home/assets" \
    --dashboard-list="$home/config/codis.json" --listen="${CODIS_FE_ADDR:-0.0.0.0:9090}"
