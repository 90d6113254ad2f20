#!/usr/bin/env bash
# codis-dashboard-admin.sh start|stop|restart|status: the dashboard of config/dashboard.toml.
home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
exec "$home/admin/daemon.sh" codis-dashboard "${1:-}" --config="$home/config/dashboard.toml"
