# Build the Windows bundle (dist\motcua) and the installer (dist\installer\motcua-setup-<version>.exe).
# Needs: Python 3.11 x64 (py launcher or -Python), Inno Setup 6 (ISCC.exe; `choco install innosetup`).
# Runs the bundle's --version and offscreen selftest before packaging, so a broken bundle never ships.
# Usage:  powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 [-Python C:\Python311\python.exe]
param(
    [string]$Python = "py -3.11",
    [string]$Iscc = ""
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# A clean build environment: runtime dependencies from pyproject.toml plus PyInstaller (a build tool only).
$venv = "build\venv-win"
if (-not (Test-Path "$venv\Scripts\python.exe")) {
    $parts = $Python -split " "
    Invoke-Checked $parts[0] (@($parts[1..($parts.Length)] | Where-Object { $_ }) + @("-m", "venv", $venv))
}
$py = "$venv\Scripts\python.exe"
Invoke-Checked $py @("-m", "pip", "install", "-q", "--upgrade", "pip")
Invoke-Checked $py @("-m", "pip", "install", "-q", ".", "pyinstaller>=6.10,<7")

$sw = [Diagnostics.Stopwatch]::StartNew()
Invoke-Checked $py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "installer\motcua.spec")
$sizeMb = [math]::Round(((Get-ChildItem dist\motcua -Recurse -File | Measure-Object Length -Sum).Sum) / 1MB)
Write-Host "Built dist\motcua: $sizeMb MB in $([math]::Round($sw.Elapsed.TotalSeconds)) s"

# Run the bundle as a user would, away from the source tree, on a throw-away data folder.
$env:QT_QPA_PLATFORM = "offscreen"
$env:MOTCUA_DATA_DIR = Join-Path $env:TEMP "motcua-build-check"
$cli = (Resolve-Path "dist\motcua\motcua-cli.exe").Path
Push-Location $env:TEMP
try {
    Invoke-Checked $cli @("--version")
    Invoke-Checked $cli @("--lang", "en", "selftest")
} finally {
    Pop-Location
    Remove-Item Env:QT_QPA_PLATFORM, Env:MOTCUA_DATA_DIR
}

# The Vietnamese messages of Inno Setup are an unofficial translation: fetch them once, next to the script.
$isl = "installer\Vietnamese.isl"
if (-not (Test-Path $isl)) {
    $url = "https://raw.githubusercontent.com/jrsoftware/issrc/main/Files/Languages/Unofficial/Vietnamese.isl"
    Invoke-WebRequest -Uri $url -OutFile $isl -UseBasicParsing
}

if (-not $Iscc) {
    $Iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe") |
        Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) { throw "ISCC.exe (Inno Setup 6) not found; install it or pass -Iscc" }
$version = (& $py -c "import app; print(app.__version__)").Trim()
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$version", "installer\motcua.iss")
Write-Host "Installer: dist\installer\motcua-setup-$version.exe"
