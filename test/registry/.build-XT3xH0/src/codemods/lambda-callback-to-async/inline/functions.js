const NODE_RUNTIME = /^nodejs(\d+(\.\d+|\.x)?)?$/;
const OTHER_RUNTIME = /^(python|java|dotnet|go|ruby|provided)/;
export function runtimeKind(value) {
    if (NODE_RUNTIME.test(value))
        return 'node';
    return OTHER_RUNTIME.test(value) ? 'other' : 'unknown';
}
/** `index.handler` → `handler`; `src/app.lambdaHandler` → `lambdaHandler`. */
export function exportOf(handler) {
    if (!handler)
        return undefined;
    const dot = handler.lastIndexOf('.');
    return dot > 0 && dot < handler.length - 1 ? handler.slice(dot + 1) : undefined;
}
