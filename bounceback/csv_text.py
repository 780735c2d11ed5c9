"""A CSV file's bytes as a table of text: size, encoding and delimiter decided, nothing run."""

from __future__ import annotations

import codecs
import csv
import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from bounceback.domain import BouncebackError, Contact

# Far more than one job search (a long one has a few thousand rows), and few enough that
# reading, checking and writing the largest file stays under 10 s and 400 MB (`make bench`).
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
# Enough of the start of a file to judge what kind of file it is.
_SAMPLE = 64 * 1024
# Rows above the header (a title, a blank line) are looked through up to this far.
_HEADER_SEARCH = 20
_PROGRESS_EVERY = 1_000
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
# Files that are not text, by their first bytes, so the message can say what they are.
_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook (or another zipped file)",
    b"\xd0\xcf\x11\xe0": "an old-style Excel or Word file",
    b"%PDF": "a PDF",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
    b"GIF8": "an image",
}
# Text has the odd stray control character; more than 1 in 100 of them means binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_SAVE_AS_CSV = "In your spreadsheet, use File → Save as (or Download) → CSV, then import that file."

Progress = Callable[[float], None]


class UnreadableFile(BouncebackError):
    """The file can't be read as a table; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the file: its number as a spreadsheet shows it, and its cells."""

    number: int
    cells: tuple[str, ...]
    # Cells with text beyond the last named column, which nothing reads.
    extra: int = 0
    # For layouts of one row per event (e-mails, bounceback's own CSV), the dated steps of
    # the application this row stands for: (status, date, interview kind, note) as text.
    steps: tuple[tuple[str, str, str, str], ...] = ()
    # The people a row names in full (bounceback's own CSV), when one contact column won't do.
    contacts: tuple[Contact, ...] = ()

    @property
    def blank(self) -> bool:
        """Nothing in any cell: a spacer row."""
        return not any(cell.strip() for cell in self.cells)


@dataclass(frozen=True)
class Table:
    """A file's header and rows as text, with how it was read."""

    headers: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str
    delimiter: str
    header_row: int = 1
    # A note for the user about how the file was read (a guessed encoding), or "".
    note: str = ""
    # The file's name when several were read at once ("Jobs/Job Applications.csv"), or "".
    name: str = ""

    @property
    def delimiter_name(self) -> str:
        """The delimiter in words."""
        return _DELIMITERS.get(self.delimiter, repr(self.delimiter))


def check_size(size: int) -> None:
    """Refuse a file too big to import before reading any of it."""
    if size > MAX_BYTES:
        raise UnreadableFile(
            f"This file is {size / 1_048_576:,.1f} MB; the importer takes files up to "
            f"{MAX_BYTES // 1_048_576} MB. Split it into smaller files, or delete the columns "
            "you don't need, and import each one."
        )


def _not_text(what: str = "a binary file") -> UnreadableFile:
    """The refusal for a file that is not CSV text."""
    return UnreadableFile(f"This looks like {what}, not a CSV text file. {_SAVE_AS_CSV}")


def decode(data: bytes) -> tuple[str, str, str]:
    """The file's text, the encoding's name and a note when the encoding was a guess."""
    if not data.strip():
        raise UnreadableFile("The file is empty.")
    for magic, what in _SIGNATURES.items():
        if data.startswith(magic):
            raise _not_text(what)
    note = ""
    try:
        text, encoding = _declared_text(data)
    except UnicodeDecodeError as error:
        text, encoding, note = _guessed_text(data, error)
    sample = text[:_SAMPLE]
    if len(_CONTROL.findall(sample)) > max(10, len(sample) // 100):
        raise _not_text()
    return text.lstrip("\ufeff"), encoding, note


def _declared_text(data: bytes) -> tuple[str, str]:
    """The text in the encoding the file's byte order mark names (else UTF-8), and its name."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 (with BOM)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data[:_SAMPLE]:
        raise _not_text()
    return data.decode("utf-8"), "UTF-8"


def _guessed_text(data: bytes, error: UnicodeDecodeError) -> tuple[str, str, str]:
    """The text of a file that isn't UTF-8, as older Excel writes it, its encoding's name and
    a note saying it was a guess; a file whose byte order mark lies is refused."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(
            f"The file says it is {'UTF-8' if data.startswith(codecs.BOM_UTF8) else 'UTF-16'}"
            f" but byte {error.start:,} doesn't fit. Save it again as CSV UTF-8."
        ) from error
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1"
    note = (
        f"The file isn't UTF-8, so it was read as {encoding} (Western European), which "
        "older Excel uses. Check that accented names look right in the preview; if not, "
        "save it again as CSV UTF-8."
    )
    return text, encoding, note


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line uses most (comma when none).

    The header is the first line with any of them, so a title row above it doesn't decide.
    """
    lines = (line for line in text.splitlines()[:_HEADER_SEARCH] if line.strip())
    first = next((line for line in lines if any(mark in line for mark in _DELIMITERS)), "")
    counts = {mark: first.count(mark) for mark in _DELIMITERS}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def _header_names(cells: list[str]) -> tuple[str, ...]:
    """Header cells trimmed; blank ones and repeats get a name of their own."""
    names: list[str] = []
    for index, cell in enumerate(cells):
        name = " ".join(cell.replace("\ufeff", "").split()) or f"Column {index + 1}"
        base, count = name, 2
        while name in names:
            name, count = f"{base} ({count})", count + 1
        names.append(name)
    return tuple(names)


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time: a copy of a 10 MB text as a
    StringIO costs 40 MB. Line ends are those of universal newlines: CRLF, LF or CR."""
    for match in _LINE.finditer(text):
        yield match[0]


def _kept(lines: Iterator[str], pending: list[str]) -> Iterator[str]:
    """The lines, each also kept in pending until the reader's record is taken."""
    for line in lines:
        pending.append(line)
        yield line


def _unclosed(record: list[str], delimiter: str) -> bool:
    """The last record runs to the end of the file inside a quote that never closes."""
    try:
        for _ in csv.reader(record, delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "end of data" in str(error)
    return False


def read_table(data: bytes, progress: Progress | None = None) -> Table:
    """The file as a header and rows of text; UnreadableFile says plainly when it can't be."""
    check_size(len(data))
    text, encoding, note = decode(data)
    delimiter = _delimiter(text)
    headers, header_row, rows = _records(text, delimiter, progress)
    if not headers:
        raise UnreadableFile(
            "There is no header row: the first row should name the columns "
            "(such as Company, Role, Date applied)."
        )
    if progress:
        progress(1.0)
    return Table(headers, rows, encoding, delimiter, header_row, note)


def _records(
    text: str, delimiter: str, progress: Progress | None
) -> tuple[tuple[str, ...], int, tuple[Row, ...]]:
    """The header (empty when none is found), the row it is on and the rows below it."""
    pending: list[str] = []  # the lines of the record being read
    reader = csv.reader(_kept(_lines(text), pending), delimiter=delimiter)
    lines = text.count("\n") + 1
    headers: tuple[str, ...] = ()
    header_row = 0
    rows: list[Row] = []
    number = 0
    record: list[str] = []
    try:
        for number, cells in enumerate(reader, start=1):
            record = pending.copy()
            pending.clear()
            if not headers:
                if sum(1 for cell in cells if cell.strip()) >= 2:
                    headers, header_row = _header_names(cells), number
                elif number >= _HEADER_SEARCH:
                    break
                continue
            rows.append(_row(number, cells, len(headers), len(rows)))
            if progress and number % _PROGRESS_EVERY == 0:
                progress(min(reader.line_num / lines, 1.0))
    except csv.Error as error:
        raise _unreadable(error, number, pending) from error
    if len(record) > 1 and _unclosed(record, delimiter):
        raise UnreadableFile(
            f'Row {number} opens a quote (") that is never closed, so every line after it '
            "reads as one cell. Close the quote in that row (or take it out), then import again."
        )
    return headers, header_row, tuple(rows)


def _row(number: int, cells: list[str], width: int, before: int) -> Row:
    """One row below the header, padded to its width; refused past the most rows a file may
    have (`before` rows are already read)."""
    if before == MAX_ROWS:
        raise UnreadableFile(
            f"This file has more than {MAX_ROWS:,} rows; the importer takes up to "
            f"{MAX_ROWS:,} at a time. Split it into smaller files and import each one."
        )
    extra = sum(1 for cell in cells[width:] if cell.strip())
    padded = (*cells[:width], *([""] * (width - len(cells))))
    return Row(number, tuple(padded), extra)


def _unreadable(error: csv.Error, number: int, pending: list[str]) -> UnreadableFile:
    """The refusal for a record the CSV reader can't read, after `number` records."""
    if "field larger" in str(error) and pending and '"' in pending[0]:
        return UnreadableFile(
            f"Row {number + 1} has a cell longer than a spreadsheet's: most likely a quote "
            '(") opens there and is never closed. Close the quote in that row (or take it '
            "out), then import again."
        )
    return UnreadableFile(f"Row {number + 1} can't be read as CSV: {error}.")


@dataclass(frozen=True)
class FileSet:
    """The tables of one upload: several files, or the files found in a zip."""

    tables: tuple[Table, ...]
    # Files passed over: in an archive, everything that is not a tracker's CSV.
    ignored: tuple[str, ...] = ()


# A zip is refused above this; only the CSV files in it are read, each up to MAX_BYTES.
MAX_ARCHIVE_BYTES = 50 * 1024 * 1024
MAX_FILES = 20
_ZIP = b"PK\x03\x04"
# LinkedIn's archive holds its job files in Jobs/, split as Job Applications_1.csv, _2.csv...
_LINKEDIN_JOBS = re.compile(r"(?:^|/)Jobs/(?:Job Applications|Saved Jobs)(?:_\d+)?\.csv$", re.I)
_PART_NUMBER = re.compile(r"_(\d+)(?=\.\w+$)")


def read_files(files: Sequence[tuple[str, bytes]], progress: Progress | None = None) -> FileSet:
    """Read several files, or the tracker files in a zip, as tables; the parts of a split
    file (Job Applications_1.csv, _2.csv) and files with the same columns become one table,
    its rows numbered on from one part to the next."""
    named: list[tuple[str, bytes]] = []
    ignored: list[str] = []
    for name, data in files:
        if name.lower().endswith(".zip") or (
            data.startswith(_ZIP) and zipfile.is_zipfile(io.BytesIO(data))
        ):
            found, passed = _unzip(name, data)
            named += found
            ignored += passed
        else:
            named.append((name, data))
    if not named:
        raise UnreadableFile(
            "There is no CSV file in that zip. Upload the CSV export itself, or the archive "
            "your tracker gave you."
        )
    if len(named) > MAX_FILES:
        raise UnreadableFile(f"That is {len(named)} files; up to {MAX_FILES} are read at once.")
    joined: dict[tuple[str, ...], Table] = {}
    for name, data in sorted(named, key=lambda item: _part_order(item[0])):
        try:
            table = read_table(data, progress)
        except UnreadableFile as error:
            raise UnreadableFile(f"{name}: {error}" if len(named) > 1 else str(error)) from error
        earlier = joined.get(table.headers)
        if earlier is None:
            joined[table.headers] = replace(table, name=name)
            continue
        offset = earlier.rows[-1].number if earlier.rows else earlier.header_row
        rows = (
            *earlier.rows,
            *(replace(row, number=offset + row.number - 1) for row in table.rows),
        )
        if len(rows) > MAX_ROWS:
            raise UnreadableFile(
                f"Together these files have more than {MAX_ROWS:,} rows; the importer takes up "
                f"to {MAX_ROWS:,} at a time. Import them in smaller groups."
            )
        joined[table.headers] = replace(earlier, rows=rows, name=f"{earlier.name} + {name}")
    return FileSet(tuple(joined.values()), tuple(ignored))


def _part_order(name: str) -> tuple[str, int]:
    """Parts in their order: "Job Applications.csv", then _1, _2, ... _10."""
    match = _PART_NUMBER.search(name)
    return (_PART_NUMBER.sub("", name).casefold(), int(match[1]) if match else 0)


def _unzip(name: str, data: bytes) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The CSV files in a zip (only the Jobs/ files of a LinkedIn archive), and the rest."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise UnreadableFile(
            f"{name} is {len(data) / 1_048_576:,.1f} MB; archives up to "
            f"{MAX_ARCHIVE_BYTES // 1_048_576} MB are read. Take the CSV files out of it and "
            "upload those."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
        csvs = [
            info
            for info in members
            if info.filename.lower().endswith(".csv") and "__MACOSX" not in info.filename
        ]
        if not csvs and any(info.filename.startswith("xl/") for info in members):
            raise _not_text("an Excel workbook")
        if any(_LINKEDIN_JOBS.search(info.filename) for info in csvs):
            csvs = [info for info in csvs if _LINKEDIN_JOBS.search(info.filename)]
        found = [(info.filename, _member(name, archive, info)) for info in csvs[: MAX_FILES + 1]]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as error:
        raise UnreadableFile(f"{name} can't be opened as a zip ({error}).") from error
    taken = {filename for filename, _ in found}
    return found, [info.filename for info in members if info.filename not in taken]


# What reading a damaged or unusual member raises: a broken deflate, lzma or bzip2 stream,
# a bad CRC, a cut-off file, a compression or encryption zipfile doesn't support.
_MEMBER_ERRORS = (
    zlib.error,
    lzma.LZMAError,
    zipfile.BadZipFile,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
)


def _member(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One CSV member's bytes, or UnreadableFile naming the member when it can't be read."""
    if info.file_size > MAX_BYTES:
        check_size(info.file_size)
    try:
        with archive.open(info) as handle:
            content = handle.read(MAX_BYTES + 1)  # never more, whatever the header says
    except _MEMBER_ERRORS as error:
        raise UnreadableFile(
            f"{name}: {info.filename} can't be read, the zip may be damaged ({error}). Make the "
            "archive again, or take the CSV file out and upload that."
        ) from error
    check_size(len(content))
    return content
