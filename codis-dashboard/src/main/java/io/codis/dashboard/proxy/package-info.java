/** The dashboard's calls to proxies' admin APIs. */
package io.codis.dashboard.proxy;
