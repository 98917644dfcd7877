package dev.polyledger.notification.domain;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which webhook URLs are accepted: absolute {@code http} or {@code https} with a host, and — unless private URLs are
 * allowed (setting {@code notification.allow-private-urls}) — a host none of whose addresses is loopback, link-local
 * (169.254/16, fe80::/10, so cloud metadata endpoints), private (10/8, 172.16/12, 192.168/16), the wildcard address or
 * an IPv6 unique-local address (fc00::/7): a guard against server-side request forgery (OWASP SSRF prevention).
 * A host that does not resolve is refused as well when private URLs are not allowed.
 */
public final class UrlPolicy {
    /** Resolves a host to its addresses ({@link InetAddress#getAllByName} in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public UrlPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /**
     * The URL, parsed, when acceptable.
     *
     * @throws InvalidSubscriptionException (field {@code url}) saying why not
     */
    public URI check(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidSubscriptionException("url", "url is required");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidSubscriptionException("url", "url is not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidSubscriptionException("url", "url must be http or https");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new InvalidSubscriptionException("url", "url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidSubscriptionException("url", "url must not carry credentials");
        }
        if (!allowPrivate) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress[] addresses;
            try {
                addresses = resolver.resolve(bare);
            } catch (UnknownHostException e) {
                throw new InvalidSubscriptionException("url", "host " + host + " does not resolve");
            }
            for (InetAddress address : addresses) {
                if (isPrivate(address)) {
                    throw new InvalidSubscriptionException("url", "host " + host + " resolves to the non-public address "
                            + address.getHostAddress() + " (private, loopback and link-local addresses are refused)");
                }
            }
        }
        return uri;
    }

    /** Loopback, link-local, site-local (private), wildcard, or IPv6 unique-local (fc00::/7). */
    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] raw = address.getAddress();
        return raw.length == 16 && (raw[0] & 0xFE) == 0xFC;
    }
}
