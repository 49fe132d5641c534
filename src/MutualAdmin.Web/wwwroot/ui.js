// The few things the server cannot do from a Blazor circuit: drop the browser's cookie and save a file.
window.mutualAdmin = {
    signOut: async () => {
        await fetch('/api/auth/sign-out', { method: 'POST', credentials: 'same-origin' });
        location.assign('/sign-in');
    },
    save: async (name, contentType, stream) => {
        const blob = new Blob([await stream.arrayBuffer()], { type: contentType });
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = name;
        link.click();
        URL.revokeObjectURL(link.href);
    },
    print: () => window.print(),
};
