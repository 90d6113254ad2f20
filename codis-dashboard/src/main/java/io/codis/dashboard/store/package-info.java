/** The product's models in the coordinator, the dashboard's cache of them, and consistent views over it. */
package io.codis.dashboard.store;
