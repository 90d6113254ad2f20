#!/usr/bin/env bash
# codis-proxy-admin.sh start|stop|restart|status: the proxy of config/proxy.toml, put online by the
# dashboard at CODIS_DASHBOARD_ADDR (default 127.0.0.1:18080), as the original's script does.
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
exec "$home/admin/daemon.sh" codis-proxy "${1:-}" --config="$home/config/proxy.toml" \
    --dashboard="${CODIS_DASHBOARD_ADDR:-127.0.0.1:18080}"
