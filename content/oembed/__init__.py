"""oEmbed: this site as a provider (/oembed/1.0/embed for its own posts and pages), the proxy
for editors (/oembed/1.0/proxy), and the consumer side that turns URLs in content into
embeds ([embed], URLs on their own line, the embed block)."""
