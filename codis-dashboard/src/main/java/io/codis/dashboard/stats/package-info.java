/** The samples of the stats loops: per Redis server and per proxy. */
package io.codis.dashboard.stats;
