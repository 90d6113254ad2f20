/** The dashboard's HTTP API routes (dashboard-api.md "Route table"). */
package io.codis.dashboard.api;
