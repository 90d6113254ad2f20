/** Control connections from the dashboard to Redis servers (Jedis). */
package io.codis.dashboard.redis;
