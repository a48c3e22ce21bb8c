/* Wine-only test shim, never shipped: Wine 8 has no bcryptprimitives.dll, whose ProcessPrng every Rust-built
   extension imports (pydantic_core, which motcua-central needs). Windows 10/11 have it. Forwards to RtlGenRandom. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
BOOL WINAPI DllMainStub(HINSTANCE h, DWORD r, LPVOID p) { return TRUE; }
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk; len -= chunk;
    }
    return TRUE;
}
