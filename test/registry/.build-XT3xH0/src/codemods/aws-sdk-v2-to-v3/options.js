export const sdkOptions = {
    style: {
        values: ['aggregated', 'command', 'bare'],
        said: /\b(?:use|prefer|keep)\s+(?:the\s+)?(aggregated|command|bare)(?:[- ]client)?(?:\s+client)?\s+style\b|\bstyle\s*[:=]\s*(aggregated|command|bare)\b/i,
        title: (value) => `Use the ${value} client style for AWS SDK v3`,
    },
};
